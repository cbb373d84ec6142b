import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clinicDayOf, clinicDayRange, normalInstant } from './clinic-time.js';

describe('clinic days', () => {
  it('in Seoul (UTC+9, no DST) a day starts at 15:00 UTC the day before', () => {
    expect(clinicDayRange('2026-11-25', 'Asia/Seoul')).toEqual({ from: '2026-11-24T15:00:00.000Z', to: '2026-11-25T15:00:00.000Z' });
  });

  it('puts 23:30 local on that local day and 00:10 on the next', () => {
    expect(clinicDayOf('2026-11-25T14:30:00Z', 'Asia/Seoul')).toBe('2026-11-25');
    expect(clinicDayOf('2026-11-25T15:10:00Z', 'Asia/Seoul')).toBe('2026-11-26');
  });

  it('handles days that are 23 and 25 hours long where the zone has DST', () => {
    const spring = clinicDayRange('2026-03-08', 'America/New_York');
    const autumn = clinicDayRange('2026-11-01', 'America/New_York');
    expect(spring).toEqual({ from: '2026-03-08T05:00:00.000Z', to: '2026-03-09T04:00:00.000Z' });
    expect(autumn).toEqual({ from: '2026-11-01T04:00:00.000Z', to: '2026-11-02T05:00:00.000Z' });
  });

  it('handles year and month ends and zones ahead of UTC by more than a day boundary', () => {
    expect(clinicDayRange('2026-12-31', 'Pacific/Kiritimati')).toEqual({ from: '2026-12-30T10:00:00.000Z', to: '2026-12-31T10:00:00.000Z' });
    expect(clinicDayRange('2027-01-01', 'UTC')).toEqual({ from: '2027-01-01T00:00:00.000Z', to: '2027-01-02T00:00:00.000Z' });
  });
});

describe('clinic days (property)', () => {
  // Zones with DST starting at midnight (the day has no 00:00), half-hour and quarter-hour
  // offsets, and the far ends of the date line.
  const zones = [
    'Asia/Seoul',
    'America/Santiago',
    'America/Havana',
    'America/Asuncion',
    'America/Sao_Paulo',
    'Pacific/Apia',
    'America/New_York',
    'Europe/London',
    'Australia/Lord_Howe',
    'Asia/Kathmandu',
    'Pacific/Kiritimati',
    'Pacific/Pago_Pago',
  ];
  const day = fc.integer({ min: Date.UTC(2005, 0, 1) / 86_400_000, max: Date.UTC(2030, 11, 31) / 86_400_000 }).map((n) =>
    new Date(n * 86_400_000).toISOString().slice(0, 10),
  );

  it('a day is exactly the instants whose local date it is', () => {
    fc.assert(
      fc.property(fc.constantFrom(...zones), day, (zone, date) => {
        const { from, to } = clinicDayRange(date, zone);
        const ms = (iso: string) => Date.parse(iso);
        expect(clinicDayOf(ms(from), zone)).toBe(date);
        expect(clinicDayOf(ms(from) - 1, zone) < date).toBe(true);
        expect(clinicDayOf(ms(to) - 1, zone)).toBe(date);
        expect(clinicDayOf(ms(to), zone) > date).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('knows the day Santiago skipped midnight', () => {
    // 2010-10-10: clocks went from 00:00 to 01:00, so the day began at 01:00 local, 04:00 UTC.
    expect(clinicDayRange('2010-10-10', 'America/Santiago').from).toBe('2010-10-10T04:00:00.000Z');
  });
});

describe('instants as stored', () => {
  it('are what toISOString writes, whether or not they came in that form', () => {
    for (const instant of ['2026-11-25T09:30:00.000Z', '2026-11-25T09:30:00Z', '2026-02-28T23:59:59.999Z', '2026-02-30T00:00:00.000Z', '2026-01-01T24:00:00.000Z', '2026-11-25T18:30:00+09:00']) {
      expect(normalInstant(instant)).toBe(new Date(instant).toISOString());
    }
  });

  it('refuses what Date cannot read, as before', () => {
    expect(() => normalInstant('2026-13-01T00:00:00.000Z')).toThrow(RangeError);
    expect(() => normalInstant('2026-01-01T23:60:00.000Z')).toThrow(RangeError);
  });
});
