/**
 * Which end-to-end screenshots go beside the README, with their captions, and the README section
 * that shows them. Pure: the script (screenshots.ts) does the files. The main screens are named
 * here; the sync screens' shots are taken by pattern, so they appear once their e2e run makes
 * them, without this list knowing their names.
 */

export interface ReadmeShot {
  /** The file name under test-results/e2e/. */
  readonly file: string;
  readonly caption: string;
}

/** The main screens, in reading order, in Korean at 1366×768 (the laptop a desk often has). */
export const MAIN_SCREENS: readonly ReadmeShot[] = [
  { file: 'visit-ko-0-sign-in-laptop.png', caption: 'Sign-in: pick yourself, type your PIN' },
  { file: 'visit-ko-1-board-laptop.png', caption: 'The day board: a column per stage, waiting times, the day’s takings' },
  { file: 'visit-ko-2-reservation-laptop.png', caption: 'A new reservation: patient by initials, doctor, 24-hour times' },
  { file: 'visit-ko-6-payment-laptop.png', caption: 'The visit drawer: the plan, the balance, a payment' },
  { file: 'visit-ko-8-double-booked-warning-laptop.png', caption: 'A doctor booked twice, said before booking' },
  { file: 'screens-ko-history-laptop.png', caption: 'Visit history with time travel: the visit as it was at one step, its change marked' },
  { file: 'screens-ko-schedule-laptop.png', caption: 'The week schedule by doctor, overlapping bookings marked' },
  { file: 'screens-ko-patients-laptop.png', caption: 'Patients: a patient’s visits with stage and balance; likely duplicates and the record that survives' },
  { file: 'screens-ko-audit-laptop.png', caption: 'The audit trail (managers), filtered to one patient' },
];

/**
 * Captions for the sync screens' shots the e2e run makes now (desk-sync.e2e.spec.ts), by the
 * shot's name without its size; a sync shot not named here gets one made from its file name.
 */
const SYNC_CAPTIONS: Readonly<Record<string, string>> = {
  'sync-b-0-online': 'Sync: online, nothing waiting',
  'sync-b-1-offline-waiting': 'Sync: HQ down, the badge counts the records waiting, and the desk keeps working',
  'sync-b-2-offline-details': 'Sync: the badge’s details — what offline means, the last sync, sync now',
  'sync-b-3-back-online': 'Sync: HQ back, the count returns to zero by itself',
  'sync-b-4-other-desk-board': 'Sync: the other desk’s board shows the new visits without a reload, each in a line naming the desk it came from',
  'sync-c-1-conflict-inbox': 'Sync: a conflict made offline on two desks, in sentences, counted in the navigation',
  'sync-c-2-withdraw': 'Sync: withdrawing a conflict takes a reason every desk keeps',
  'sync-c-3-resolved-elsewhere': 'Sync: resolved on the other desk — who, when and why',
  'sync-d-1-settings': 'Settings (managers): HQ’s address and token, and HQ’s own answer about this desk',
  'sync-d-2-badge-details': 'Sync: the badge’s details while online',
  'sync-e-1-quarantined': 'Sync: a record HQ refused, set aside with HQ’s reason',
  'sync-f-1-catching-up': 'Sync: a desk joining the clinic catches up, a progress bar under the badge',
};

const captionOf = (file: string): string => {
  const name = file.replace(/\.png$/, '');
  return SYNC_CAPTIONS[name.replace(/-(laptop|monitor)$/, '')] ?? `Sync: ${name.replace(/[-_]+/g, ' ')}`;
};

/** The sync screens' shots (badge, conflicts, settings), whatever their e2e names them: any file with "sync" in its name. */
const SYNC_SHOT = /sync/i;
const LAPTOP = /laptop|1366/i;

/** The shots to show, from the files the e2e run left: the main screens that exist, then the sync screens'. */
export const chooseShots = (files: readonly string[]): ReadmeShot[] => {
  const present = new Set(files);
  const main = MAIN_SCREENS.filter((shot) => present.has(shot.file));
  const sync = files.filter((file) => file.endsWith('.png') && SYNC_SHOT.test(file)).sort();
  // Both sizes of a sync screen: the laptop one, as for the main screens.
  const syncShown = sync.some((file) => LAPTOP.test(file)) ? sync.filter((file) => LAPTOP.test(file)) : sync;
  return [...main, ...syncShown.map((file) => ({ file, caption: captionOf(file) }))];
};

export const README_START = '<!-- screens:start (npm run screenshots writes this section) -->';
export const README_END = '<!-- screens:end -->';

/** The README with its screens section replaced by these shots (under docs/screens/). */
export const withScreensSection = (readme: string, shots: readonly ReadmeShot[]): string => {
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (start < 0 || end < start) throw new Error(`README.md has no screens section (${README_START} … ${README_END})`);
  const body = shots.map((shot) => `**${shot.caption}**\n\n![${shot.caption}](docs/screens/${shot.file})\n`).join('\n');
  return `${readme.slice(0, start + README_START.length)}\n\n${body}\n${readme.slice(end)}`;
};
