import { validate, version } from 'uuid';
import { describe, expect, it } from 'vitest';
import { uuidV7 } from './ids.js';

const timeOf = (id: string): number => parseInt(id.replace(/-/g, '').slice(0, 12), 16);

describe('uuidV7.newId', () => {
  it('makes lower-case RFC 9562 version 7 ids stamped with the current millisecond', () => {
    const before = Date.now();
    const id = uuidV7.newId();
    const after = Date.now();
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(validate(id)).toBe(true);
    expect(version(id)).toBe(7);
    expect(timeOf(id)).toBeGreaterThanOrEqual(before);
    expect(timeOf(id)).toBeLessThanOrEqual(after);
  });

  it('sorts ids in the order they were made, many within one millisecond, and never repeats one', () => {
    const ids = Array.from({ length: 20_000 }, () => uuidV7.newId());
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });
});

describe('uuidV7.derive', () => {
  it('derives the same version 5 id from the same purpose and seed on every desk, and another from another', () => {
    const id = uuidV7.derive('conflict', 'c-1');
    expect(uuidV7.derive('conflict', 'c-1')).toBe(id);
    expect(version(id)).toBe(5);
    expect(uuidV7.derive('conflict', 'c-2')).not.toBe(id);
    expect(uuidV7.derive('resolution', 'c-1')).not.toBe(id);
  });
});
