import { describe, expect, it } from 'vitest';
import { clinicDayOf, clinicDayRange } from './clinic-time.js';

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
