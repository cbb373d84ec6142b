/**
 * A desk starting cold (goal 4), run as its own process from a bundle: opens the data folder,
 * answers desk.status (ready for a sign-in), signs in (the PIN's scrypt, timed on its own), and
 * answers its first board.day. Prints one JSON line of Date.now() milestones. The baseline is
 * cold-start-raw.child.ts, bundled on its own.
 */
import { openDeskCore } from '../../src-main/core/desk-core.js';
import { memorySecrets } from '../busy-day.js';

const [dataDir, staffId, pin, date] = process.argv.slice(2) as [string, string, string, string];

const main = async (): Promise<void> => {
  const loaded = Date.now();
  const core = await openDeskCore({ dataDir, appVersion: '0.1.0', secrets: memorySecrets(), now: () => new Date(`${date}T01:00:00Z`), idleTimeoutMs: 86_400_000 });
  const opened = Date.now();
  const status = await core.invoke('desk.status', {});
  const ready = Date.now();
  const signIn = await core.invoke('session.signIn', { staffId, pin });
  const signedIn = Date.now();
  const board = await core.invoke('board.day', { date });
  const answered = Date.now();
  if (!status.ok || !signIn.ok || !board.ok) throw new Error('the cold desk refused a call');
  process.stdout.write(`${JSON.stringify({ loaded, opened, ready, signedIn, board: answered, visits: board.result.visits.length })}\n`);
  await core.close({ syncTimeoutMs: 0 });
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
