import { describe, expect, it } from 'vitest';
import { daysOfWeek, mondayOf, weekRange } from './week.js';

describe('the clinic week', () => {
  it.each([
    ['2026-11-30', '2026-11-30'], // a Monday is its own week's start
    ['2026-12-01', '2026-11-30'],
    ['2026-12-06', '2026-11-30'], // Sunday ends the week it is in
    ['2026-12-07', '2026-12-07'],
    ['2027-01-01', '2026-12-28'], // across a year
    ['2028-03-01', '2028-02-28'], // across a leap day
  ])('a day %s belongs to the week of Monday %s', (day, monday) => {
    expect(mondayOf(day)).toBe(monday);
  });

  it('has seven days, Monday to Sunday', () => {
    expect(daysOfWeek('2026-12-28')).toEqual(['2026-12-28', '2026-12-29', '2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02', '2027-01-03']);
  });

  it('covers the week in the clinic’s zone, half-open: Seoul midnight Monday to Seoul midnight the next Monday', () => {
    expect(weekRange('2026-11-30', 'Asia/Seoul')).toEqual({ from: '2026-11-29T15:00:00.000Z', to: '2026-12-06T15:00:00.000Z' });
  });

  it('follows a clock change inside the week (New York, 2027-03-14)', () => {
    expect(weekRange('2027-03-08', 'America/New_York')).toEqual({ from: '2027-03-08T05:00:00.000Z', to: '2027-03-15T04:00:00.000Z' });
  });
});
