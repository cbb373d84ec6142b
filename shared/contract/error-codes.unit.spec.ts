import { describe, expect, it } from 'vitest';
import { ClinicErrorCode } from '../clinic/error-codes.js';
import { KernelErrorCode } from '../eventsourcing/domain-error.js';
import { DESK_ERROR_CODES, DeskCoreErrorCode, DeskErrorCode, HostErrorCode, isDeskErrorCode, TransportErrorCode } from './error-codes.js';

describe('the desk error codes', () => {
  it.each([
    ['kernel', KernelErrorCode],
    ['clinic', ClinicErrorCode],
    ['DeskCore', DeskCoreErrorCode],
    ['host', HostErrorCode],
    ['transport', TransportErrorCode],
  ])('include every code of the %s registry', (_name, registry: Readonly<Record<string, string>>) => {
    const values = Object.values(registry);
    expect(values.length).toBeGreaterThan(0);
    for (const code of values) expect(DESK_ERROR_CODES, code).toContain(code);
  });

  it('are their own names, so a code reads the same in every registry', () => {
    for (const [name, code] of Object.entries(DeskErrorCode)) expect(code).toBe(name);
  });

  it('hold the sync worker’s codes', () => {
    expect(DESK_ERROR_CODES).toEqual(expect.arrayContaining(['STREAM_SYNCING', 'CONFLICT_NOT_FOUND', 'CONFLICT_ALREADY_RESOLVED']));
  });

  it('know their own members and nothing else', () => {
    expect(isDeskErrorCode('PIN_LOCKED')).toBe(true);
    expect(isDeskErrorCode('HOST_UNREACHABLE')).toBe(true);
    for (const other of ['pin_locked', 'PIN_LOCKED ', '', 'constructor', '__proto__', 'toString', 42, null, undefined]) {
      expect(isDeskErrorCode(other), String(other)).toBe(false);
    }
  });
});
