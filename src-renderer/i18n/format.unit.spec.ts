import { Time } from '@internationalized/date';
import { describe, expect, it } from 'vitest';
import { clinicDayRange, clinicInstant, formatDay, formatMoney, formatPhone, formatTime, maskPhone, shiftDay } from './format.js';

describe('how the desk writes values', () => {
  it('money as ₩120,000 in both languages', () => {
    expect(formatMoney(120_000, 'ko')).toBe('₩120,000');
    expect(formatMoney(120_000, 'en')).toBe('₩120,000');
    expect(formatMoney(0, 'ko')).toBe('₩0');
  });

  it('times in 24 hours in the clinic’s zone, whatever the machine’s zone', () => {
    expect(formatTime('2026-12-01T05:30:00.000Z', 'Asia/Seoul', 'ko')).toBe('14:30');
    expect(formatTime('2026-12-01T05:30:00.000Z', 'Asia/Seoul', 'en')).toBe('14:30');
    expect(formatTime('2026-12-01T15:05:00.000Z', 'Asia/Seoul', 'en')).toBe('00:05');
  });

  it('dates as 12월 1일 (화) and Tue, Dec 1', () => {
    expect(formatDay('2026-12-01', 'ko')).toBe('12월 1일 (화)');
    expect(formatDay('2026-12-01', 'en')).toBe('Tue, Dec 1');
  });

  it('clinic days as instants in the clinic’s zone, across a month end', () => {
    expect(clinicDayRange('2026-12-01', 'Asia/Seoul')).toEqual({ from: '2026-11-30T15:00:00.000Z', to: '2026-12-01T15:00:00.000Z' });
    expect(clinicInstant('2026-12-01', new Time(9, 30), 'Asia/Seoul')).toBe('2026-12-01T00:30:00.000Z');
    expect(shiftDay('2026-11-30', 1)).toBe('2026-12-01');
    expect(shiftDay('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('phones in full or masked but for the last four digits', () => {
    expect(formatPhone('01012345678')).toBe('010-1234-5678');
    expect(maskPhone('010-1234-5678')).toBe('010-****-5678');
    expect(maskPhone('02-123-4567')).toBe('02-***-4567');
    expect(maskPhone('+82 10 1234 5678')).toBe('********5678');
  });
});
