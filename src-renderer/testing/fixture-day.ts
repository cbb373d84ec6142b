/**
 * The fixtures' day and the instant every dom test runs at: 15:00 in Seoul on that day, so "today"
 * in the fixtures stays today whenever the suite runs (a run after midnight in Seoul showed dates
 * where times were expected).
 */
export const TODAY = '2026-12-01';
export const FIXTURE_NOW = Date.parse(`${TODAY}T15:00:00+09:00`);
