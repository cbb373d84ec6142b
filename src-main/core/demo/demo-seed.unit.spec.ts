import { describe, expect, it } from 'vitest';
import { demoDayMiddle, demoDayStart } from './demo-seed.js';

const seoul = (iso: string) => new Date(`${iso}+09:00`);

describe('demoDayMiddle', () => {
  it('keeps the launch time when the whole demo day fits on today’s board', () => {
    expect(demoDayMiddle(seoul('2026-12-01T14:10:00')).toISOString()).toBe(seoul('2026-12-01T14:10:00').toISOString());
  });
  it('moves a late-evening launch back so the visits three hours later are still today', () => {
    expect(demoDayMiddle(seoul('2026-12-01T23:48:00')).toISOString()).toBe(seoul('2026-12-01T20:30:00').toISOString());
  });
  it('moves a launch just after midnight forward so the visits five hours earlier are still today', () => {
    expect(demoDayMiddle(seoul('2026-12-02T00:23:00')).toISOString()).toBe(seoul('2026-12-02T05:30:00').toISOString());
  });
});

describe('demoDayStart', () => {
  it('is midnight in Seoul of the day that holds the instant, at both ends of that day', () => {
    expect(new Date(demoDayStart(seoul('2026-12-01T00:00:00'))).toISOString()).toBe('2026-11-30T15:00:00.000Z');
    expect(new Date(demoDayStart(seoul('2026-12-01T23:59:59').getTime())).toISOString()).toBe('2026-11-30T15:00:00.000Z');
  });
});
