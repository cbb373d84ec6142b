/**
 * The desk's sync worker (docs/architecture.md, "Sync"): delivers this desk's events to HQ at
 * least once and brings back what the other desks of the clinic did.
 *
 * Two loops share one connection state:
 *   push — soon after each command (a short debounce), pending events in local order, in batches
 *          within HQ's limits, each stream naming the event its first pushed event was built on.
 *          accepted / duplicate → published; conflict / blocked → that stream waits for the pull
 *          to rebase it; rejected → that stream alone is quarantined with HQ's reason. One push
 *          is on its way at a time; draining many, the desk chooses the next batch and marks the
 *          last one published while HQ works (pushLoop).
 *   pull — long-polls from the stored checkpoint; each page is applied in one short transaction
 *          that also moves the checkpoint (a rebase happens inside it). Once a page reaches HQ's
 *          head, the rebased streams' set-aside commands re-run, on the whole remote history.
 * Failures: network errors, timeouts, 5xx and 429 back off with jitter (Retry-After honoured)
 * and recover by themselves; a push that timed out or was too large makes the next ones smaller,
 * and a pulled page that timed out the next pages (one rule, transfer-size.ts), so a slow uplink
 * still drains and a slow downlink still catches up; 401/403 pause with a clear status and keep every
 * event; a changed HQ log (logId) or a head below the checkpoint stops sync rather than diverge.
 * State lives in this instance and in the desk's database, never in module variables; the
 * in-memory status moves only after the transaction it reports on committed.
 */
import type { ChangeNotice } from '../../../shared/contract/desk-rpc.js';
import type { CatchUp, HistoryLoading, QuarantinedStream, SyncStatus } from '../../../shared/contract/desk-views.js';
import type { HqLimits, PullResponse, PushResponse, PushResult } from '../../../shared/contract/sync-protocol.js';
import type { Rerun } from '../../../shared/eventsourcing/index.js';
import { compareAppVersions } from '../../../shared/contract/app-version.js';
import type { ReadableDb } from '../../../src-node/sqlite/database.js';
import { DEFERRED_BUILD_SLICE } from '../store/projection-set.js';
import { removeScratch, type DeferredBuildThread } from '../store/deferred-build-thread.js';
import { SyncDivergence, type SqliteEventStore } from '../store/sqlite-event-store.js';
import { DEFER_READ_MODELS_FROM, shouldDeferReadModels } from './deferred-catch-up.js';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff.js';
import { createHqClient, HqCallError, type HqClient, type HqFailure } from './hq-client.js';
import { selectPushBatch, type PushBatch, type PushCandidate, type PushedEvent } from './push-batch.js';
import { afterAnswer, afterTimeout, afterTooLarge, transferLimit, transferTimeoutMs, UNLIMITED_TRANSFER_SIZE, type TransferSize } from './transfer-size.js';
import type { SyncJournal } from './sync-journal.js';

export interface SyncTiming {
  /** After a command, how long to gather more before pushing. */
  readonly debounceMs: number;
  /** How long a caught-up pull waits at HQ for news. */
  readonly longPollMs: number;
  readonly pageSize: number;
  readonly healthEveryMs: number;
  readonly requestTimeoutMs: number;
  readonly backoff: BackoffPolicy;
  /** A new desk this far behind HQ builds its read models once the catch-up is over (deferred-catch-up.ts). */
  readonly deferReadModelsFrom: number;
  /** Events a deferred build replays between two pauses in which the desk answers its calls. */
  readonly buildSlice: number;
  /** The pages a new desk asks for while its read models are deferred (it takes no command meanwhile); HQ may give fewer. */
  readonly loadingPageSize: number;
  /** A push of at least this many events with more pending behind it means the desk is draining a backlog. */
  readonly drainFrom: number;
  /** While it drains, the desk pulls at most this often (a conflict or sync.now still pulls at once). */
  readonly pullEveryWhileDrainingMs: number;
}

export const DEFAULT_SYNC_TIMING: SyncTiming = {
  debounceMs: 30,
  longPollMs: 25_000,
  pageSize: 500,
  healthEveryMs: 5 * 60_000,
  requestTimeoutMs: 15_000,
  backoff: DEFAULT_BACKOFF,
  deferReadModelsFrom: DEFER_READ_MODELS_FROM,
  buildSlice: DEFERRED_BUILD_SLICE,
  loadingPageSize: 1_000,
  drainFrom: 1_000,
  pullEveryWhileDrainingMs: 1_000,
};

/** How long a joining desk waits between telling the screens it builds its read models and the build's first slice. */
const TELL_BEFORE_BUILD_MS = 150;

/** A desk more than this far from HQ's clock warns (its times would mislead other desks). */
export const CLOCK_WARNING_MS = 2 * 60_000;

export interface SyncWorkerOptions {
  readonly events: SqliteEventStore;
  readonly reader: ReadableDb;
  readonly journal: SyncJournal;
  readonly rerun: Rerun;
  readonly installationId: string;
  readonly appVersion: string;
  /** HQ's address and token as configured now; null when the desk is not connected. */
  readonly connection: () => { readonly url: string; readonly token: string } | null;
  readonly tokenStorage: () => SyncStatus['tokenStorage'];
  readonly openConflicts: () => number;
  /** Whether a conflict of the stream has been resolved (its waiting intents may run). */
  readonly isResolved: (streamId: string, conflictId: string) => boolean;
  readonly now: () => Date;
  readonly notify: (notice: ChangeNotice) => void;
  readonly fetch?: typeof fetch;
  readonly random?: () => number;
  readonly timing?: Partial<SyncTiming>;
  readonly log?: (message: string, detail?: unknown) => void;
  /**
   * Starts a thread that builds the deferred read models while the log still arrives
   * (store/deferred-build-thread.ts). Absent, or when it fails, they are built on this thread once
   * the log is whole.
   */
  readonly startBuildThread?: (slice: number, onProgress: (done: number, total: number) => void) => DeferredBuildThread;
}

export interface SyncWorker {
  readonly status: () => SyncStatus;
  /** A new desk loading the clinic's history, and how far; null otherwise (desk.status's `loading`). */
  readonly historyLoading: () => HistoryLoading | null;
  /** A command was recorded here: push soon. */
  readonly kick: () => void;
  /** sync.now: try at once (also after a pause); resolves once a pull and a push round are over. */
  readonly syncNow: () => Promise<void>;
  /** The HQ address or token changed (sync.configure): start over with them. */
  readonly reconfigure: () => void;
  /** A manager releases a quarantined or stopped stream: its commands re-run into fresh events. */
  readonly retryStream: (streamId: string) => void;
  /** Pushes what it can within `timeoutMs`, then stops. Nothing pending is lost either way. */
  readonly close: (timeoutMs: number) => Promise<void>;
}

type Phase = 'running' | 'paused' | 'stopped' | 'closed';

/** A sleep that `ring` ends early. */
const alarm = () => {
  let ring: (() => void) | undefined;
  return {
    wait: (ms: number): Promise<void> =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(done, Math.max(0, ms));
        function done() {
          clearTimeout(timer);
          ring = undefined;
          resolve();
        }
        ring = done;
      }),
    ring: () => ring?.(),
  };
};

const DEFAULT_LIMITS: Pick<HqLimits, 'maxEventsPerPush' | 'maxBodyBytes' | 'maxPullLimit'> = {
  maxEventsPerPush: 500,
  maxBodyBytes: 4 * 1024 * 1024,
  maxPullLimit: 500,
};

export const createSyncWorker = (options: SyncWorkerOptions): SyncWorker => {
  const { events, journal, rerun } = options;
  const timing: SyncTiming = { ...DEFAULT_SYNC_TIMING, ...options.timing };
  const random = options.random ?? Math.random;
  const log = options.log ?? (() => undefined);
  /** The desk's clock, for what is shown and compared with HQ's. */
  const nowMs = (): number => options.now().getTime();
  /** Waits are measured on a monotonic clock: a wall clock corrected backwards must not stall sync. */
  const ticks = (): number => performance.now();

  let phase: Phase = 'running';
  let closing = false;
  let client: HqClient | null = null;
  let clientFor = '';
  let contacted = false;
  let online = false;
  /** The last failure of each direction: one recovering does not hide the other's. */
  let pushError: string | null = null;
  let pullError: string | null = null;
  /** Pull failures in a row: a cut catch-up re-runs what waits for it after a few. */
  let pullFailures = 0;
  /** Whether HQ was seen to still hold the checkpoint's event since the last (re)connection. */
  let continuityChecked = false;
  let lastPushAt: string | null = null;
  let lastPullAt: string | null = null;
  let clockSkewMs: number | null = null;
  let catchUp: CatchUp | undefined;
  let caughtUp = false;
  let needsRebind = false;
  let failures = 0;
  let retryAt = 0;
  let healthAt = 0;
  let limits = { ...DEFAULT_LIMITS };
  /** Learnt from 413s and push timeouts, so a push too large for the way to HQ gets through in smaller pieces. */
  let pushSize: TransferSize = UNLIMITED_TRANSFER_SIZE;
  /** Learnt from pulls that timed out, so a page too large for the way from HQ gets through in smaller pages. */
  let pullSize: TransferSize = UNLIMITED_TRANSFER_SIZE;
  let pullGeneration = 0;
  let pullController = new AbortController();
  /**
   * Draining a backlog (an outage's events): its pulls wait (pullHeldFor). They would bring back
   * mostly this desk's own events, a page at a time, each page work for the desk, HQ and its
   * database on the cores the drain needs; held to one a second, a 50,000-event drain to a
   * PostgreSQL HQ went 8,300–9,350 → 10,200–10,900 events/s. Another desk's event comes at most
   * that much later; its own events come back once the drain is over.
   */
  let draining = false;
  /** A pull is wanted now whatever the drain (a push met a conflict; sync.now). */
  let pullWanted = false;
  let lastPullStartedAt = Number.NEGATIVE_INFINITY;
  const pushController = new AbortController();
  /**
   * Moves whenever pending events may have left the live log other than by HQ's receipt (a rebase,
   * a manager's retry): a push chosen before that is chosen again, never sent.
   */
  let pendingEpoch = 0;
  /** Streams whose push met a conflict: nothing more of them goes until a pull rebases them. */
  const held = new Map<string, { readonly eventId: string; readonly generation: number }>();
  /** Streams whose conflict the next pull did not explain: stopped, listed, never a push–pull loop. */
  const stopped = new Map<string, QuarantinedStream>();
  const waitingForUpdate = new Set<string>();
  const pullAlarm = alarm();
  const pushAlarm = alarm();
  let debounce: ReturnType<typeof setTimeout> | undefined;
  let pushIdle: (() => void)[] = [];
  let pullDone: (() => void)[] = [];
  let lastNotified = '';

  const hqClient = (): HqClient | null => {
    const connection = options.connection();
    if (!connection) return null;
    const key = `${connection.url}\n${connection.token}`;
    if (!client || clientFor !== key) {
      client = createHqClient({
        url: connection.url,
        token: connection.token,
        timeoutMs: timing.requestTimeoutMs,
        now: nowMs,
        ...(options.fetch ? { fetch: options.fetch } : {}),
      });
      clientFor = key;
    }
    return client;
  };

  const state = (): SyncStatus['state'] => {
    if (!options.connection()) return 'not-configured';
    if (phase === 'paused') return 'paused';
    if (phase === 'stopped') return 'stopped';
    if (!contacted) return 'connecting';
    return online ? 'online' : 'offline';
  };

  /** A new desk loading the clinic's history: its deferred read models are not built yet (deferred-catch-up.ts). */
  const isLoadingHistory = (): boolean => events.projections.deferred().length > 0;

  /** The loading as desk.status tells it before sign-in (how far only), from the same two values as status(). */
  const historyLoading = (): HistoryLoading | null => (isLoadingHistory() ? { catchUp: catchUp ? { ...catchUp } : null } : null);

  const status = (): SyncStatus => {
    // A joining desk's conflicts list is built at the end with the other read models: counted then, not half-way.
    const loadingHistory = isLoadingHistory();
    return {
      state: state(),
      online,
      pending: events.countPending(),
      lastPushAt,
      lastPullAt,
      lastError: pushError ?? pullError,
      quarantined: [...journal.quarantineView(options.reader), ...stopped.values()],
      conflicts: loadingHistory ? 0 : options.openConflicts(),
      clockSkewMs,
      clockWarning: clockSkewMs !== null && Math.abs(clockSkewMs) > CLOCK_WARNING_MS,
      ...(catchUp ? { catchUp: { ...catchUp } } : {}),
      loadingHistory,
      tokenStorage: options.connection() ? options.tokenStorage() : null,
      needsRebind,
      waitingForUpdate: [...waitingForUpdate],
      hqUrl: options.connection()?.url ?? null,
    };
  };

  /**
   * Tells the screens when anything they show of sync changed: at most every 50 ms, because a
   * busy desk changes `pending` with every command and the status costs a few queries.
   */
  let notifyTimer: ReturnType<typeof setTimeout> | undefined;
  const changed = (): void => {
    if (phase === 'closed' || notifyTimer !== undefined) return;
    notifyTimer = setTimeout(() => {
      notifyTimer = undefined;
      if (phase === 'closed') return;
      const now = JSON.stringify(status());
      if (now === lastNotified) return;
      lastNotified = now;
      options.notify({ kind: 'sync' });
    }, 50);
  };

  const succeeded = (direction: 'push' | 'pull'): void => {
    contacted = true;
    online = true;
    failures = 0;
    retryAt = 0;
    if (direction === 'push') pushError = null;
    else {
      pullError = null;
      pullFailures = 0;
    }
  };

  const pause = (message: string): void => {
    phase = 'paused';
    online = false;
    contacted = true;
    pushError = message;
    log(`sync paused: ${message}`);
  };

  const stop = (message: string): void => {
    phase = 'stopped';
    pushError = message;
    log(`sync stopped: ${message}`);
  };

  /** Sorts a failure into: back off and retry, pause for a person, or stop; `detail` is added to a retried one's note. */
  const fail = (error: unknown, direction: 'push' | 'pull', detail = ''): void => {
    if (phase === 'closed') return;
    const note = (message: string): void => {
      if (direction === 'push') pushError = message;
      else pullError = message;
    };
    if (error instanceof SyncDivergence) {
      stop(`${error.message}. Sync stopped so that nothing diverges; ask your administrator.`);
      return;
    }
    if (!(error instanceof HqCallError)) {
      log('sync: unexpected failure', error);
      failures += 1;
      retryAt = ticks() + backoffDelay(failures, random, null, timing.backoff);
      note(`Sync failed on this desk: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    const { failure } = error;
    if (failure.kind === 'aborted') return;
    if (failure.kind === 'http') {
      if (failure.status === 401) {
        pause("HQ refused this desk's token (revoked or replaced): a manager enters a new one in Settings. Every event is kept.");
        return;
      }
      if (failure.status === 403 && failure.code === 'INSTALLATION_MISMATCH') {
        needsRebind = true;
        pause('HQ has this device bound to another installation (a desk restored from a backup): run `npm run hq -- device rebind <deviceId>` at HQ, then sync again. Every event is kept.');
        return;
      }
      if (failure.status === 403 || failure.status === 426) {
        pause(`HQ refused: ${failure.message}. Every event is kept.`);
        return;
      }
    }
    failures += 1;
    retryAt = ticks() + backoffDelay(failures, random, failure.kind === 'http' ? failure.retryAfterMs : null, timing.backoff);
    online = false;
    contacted = true;
    note(`${failure.message}${detail}`);
  };

  /** What a status adds when the next transfer may take more than the request timeout (its patience). */
  const mayTake = (size: TransferSize): string => (size.patience > 1 ? `, and may take ${transferTimeoutMs(size, timing.requestTimeoutMs) / 1000} s` : '');

  /** The transfer was not answered in time: the desk's own timeout, or a proxy's on the way (408: the upload too slow; 504: HQ too slow). */
  const timedOut = (failure: HqFailure): boolean => failure.kind === 'timeout' || (failure.kind === 'http' && (failure.status === 408 || failure.status === 504));

  // ---- health --------------------------------------------------------------------------------

  /** The first time (and now and then): HQ's limits, its log id and how far the clocks are apart. */
  const ensureHealth = async (hq: HqClient, signal: AbortSignal): Promise<void> => {
    // Not before every call: a push or pull needs only the limits, and every pull checks the log id.
    if (healthAt > 0 && nowMs() - healthAt < timing.healthEveryMs) return;
    const { health, sentAt, receivedAt } = await hq.health(signal);
    healthAt = receivedAt;
    clockSkewMs = Math.round(Date.parse(health.serverTime) - (sentAt + receivedAt) / 2);
    limits = {
      maxEventsPerPush: health.limits.maxEventsPerPush,
      maxBodyBytes: health.limits.maxBodyBytes,
      maxPullLimit: health.limits.maxPullLimit,
    };
    checkLog(health.logId, null, false);
  };

  /**
   * The HQ log this desk synced with must still be the same one, and not behind the desk. It is
   * learnt from the first pull HQ answered for this desk's token, never from health (anyone
   * answers health: a mistyped address must not become this desk's HQ).
   */
  const checkLog = (logId: string, head: number | null, learn: boolean): void => {
    const known = journal.logId();
    if (known === null) {
      if (learn) journal.setLogId(logId);
    } else if (known !== logId) {
      throw new SyncDivergence('', `HQ's event log is not the one this desk synced with (log ${logId}, expected ${known}): HQ was restored or replaced`);
    }
    const checkpoint = journal.checkpoint();
    if (head !== null && head < checkpoint) {
      throw new SyncDivergence('', `HQ's log ends at position ${head}, before this desk's checkpoint ${checkpoint}: HQ was restored from an older backup`);
    }
  };

  // ---- pull ----------------------------------------------------------------------------------

  /**
   * The page the desk asks for with nothing learnt. Pages are kept short because a command waits
   * for the page being applied; a new desk loading the clinic's history takes no command
   * (LOADING_HISTORY), so it asks for as much as HQ gives.
   */
  const pagesMost = (): number => Math.min(isLoadingHistory() ? timing.loadingPageSize : timing.pageSize, limits.maxPullLimit);
  /** The next page's limit: within what the pulls before it learnt of the way from HQ. */
  const pageLimit = (): number => transferLimit(pullSize, pagesMost());

  /** What a pull that timed out taught, added to its failure in the status. */
  const pullLessons = new WeakMap<HqCallError, string>();

  /**
   * A page asked of HQ within the time the pulls before it allow. Its answer or its timeout sizes
   * the next pages (transfer-size.ts), but only when it was asked with no wait: a long-poll's
   * answer comes after HQ waited for news for a time the desk does not know, so how long it took
   * says nothing of the link's pace. The pull after a failure asks with no wait (pullLoop), so a
   * long-poll too slow for the link is followed by a pull that teaches. `answerTeaches` false: only
   * its timeout does (see checkContinuity).
   */
  const askPage = (hq: HqClient, query: { readonly after: number; readonly limit: number; readonly waitMs: number }, signal: AbortSignal, answerTeaches = true): Promise<PullResponse> => {
    const used = clientFor;
    const leftAt = ticks();
    // An answer through an earlier address or token says nothing of the way to the HQ named now.
    const teaches = (): boolean => query.waitMs === 0 && used === clientFor;
    return hq.pull(query, signal, transferTimeoutMs(pullSize, timing.requestTimeoutMs)).then(
      (page) => {
        if (answerTeaches && teaches()) pullSize = afterAnswer(pullSize, { sent: page.events.length, tookMs: ticks() - leftAt, timeoutMs: timing.requestTimeoutMs, most: pagesMost() });
        return page;
      },
      (error: unknown) => {
        if (teaches() && error instanceof HqCallError && timedOut(error.failure)) {
          pullSize = afterTimeout(pullSize, query.limit);
          const counted = (n: number): string => `${n} event${n === 1 ? '' : 's'}`;
          pullLessons.set(error, ` (a page of up to ${counted(query.limit)}); the next pulls ask for at most ${counted(pageLimit())}${mayTake(pullSize)}`);
        }
        throw error;
      },
    );
  };

  const applyPage = (page: PullResponse, after: number): void => {
    checkLog(page.logId, page.head, true);
    page.events.forEach((event, index) => {
      if (event.serverPosition !== after + index + 1) {
        throw new SyncDivergence(event.streamId, `HQ's page skips from position ${after + index} to ${event.serverPosition}`);
      }
    });
    const last = page.events[page.events.length - 1];
    if (!last) return;
    const result = writePage(() =>
      events.applyPulled(
        page.events.map(({ serverPosition, receivedAt, ...envelope }) => ({ envelope, serverPosition, receivedAt })),
        () => {
          journal.setCheckpoint(last.serverPosition);
          journal.learnHead(last.serverPosition, last.eventId);
        },
      ),
    );
    // A rebase is what explains a conflict: the stream may push again once its commands re-ran.
    for (const streamId of result.rebased) held.delete(streamId);
    if (result.rebased.size > 0) pendingEpoch += 1;
    options.notify({ kind: 'events', position: events.lastPosition(), streamIds: [...result.streams].slice(0, 1000) });
  };

  /** Re-runs the set-aside commands and the intents released by resolved conflicts; returns the streams touched. */
  const rerunWaiting = (): Set<string> => {
    const touched = new Set<string>();
    for (const streamId of events.streamsWithSetAside()) {
      const report = rerun.setAside(streamId);
      if (report.waitingForUpgrade) {
        waitingForUpdate.add(streamId);
        continue;
      }
      waitingForUpdate.delete(streamId);
      touched.add(streamId);
      // Its commands re-ran into fresh events: a quarantine or a stop on it is lifted.
      if (journal.isQuarantined(streamId)) journal.release(streamId);
      stopped.delete(streamId);
      held.delete(streamId);
    }
    for (const { streamId, conflictId } of events.waitingGroups()) {
      if (!options.isResolved(streamId, conflictId)) continue;
      rerun.released(streamId, conflictId);
      touched.add(streamId);
    }
    return touched;
  };

  /** Everything HQ had is here: re-run what waits for that, and push what it produced. */
  const reachedHead = (generation: number): void => {
    const restored = journal.needsFullPull();
    if (restored) {
      // A restored backup's pending events that HQ did not return were never delivered: they
      // are re-run under this installation, exactly like a rebase.
      const streams = new Set(events.readPendingAfter(0, Number.MAX_SAFE_INTEGER).map((event) => event.envelope.streamId));
      for (const streamId of streams) events.setAsidePending(streamId);
    }
    const touched = rerunWaiting();
    for (const entry of journal.quarantined()) {
      // A newer app retries by itself what an older one had refused.
      if (compareAppVersions(entry.appVersion, options.appVersion) < 0) {
        retryStream(entry.streamId);
        touched.add(entry.streamId);
      }
    }
    for (const [streamId, hold] of held) {
      if (hold.generation >= generation) continue;
      held.delete(streamId);
      // Held behind a refusal HQ gave a reason for: the quarantine already says why.
      if (journal.isQuarantined(streamId)) continue;
      stopped.set(streamId, {
        streamId,
        streamType: events.streamHead(streamId)?.streamType ?? null,
        reason: 'UNEXPLAINED_CONFLICT',
        detail: `HQ answered conflict for event ${hold.eventId}, but its log does not show why; this stream stays here until a manager retries it`,
        since: options.now().toISOString(),
      });
    }
    if (!journal.firstPullDone()) journal.markFirstPullDone();
    if (restored) journal.clearNeedsFullPull();
    if (touched.size > 0) options.notify({ kind: 'events', position: events.lastPosition(), streamIds: [...touched] });
    pushAlarm.ring();
  };

  /**
   * Once per (re)connection: HQ must still hold, at the highest position it ever gave an event of
   * this desk's log, that very event. A log restored from a file backup keeps its log id; when
   * other desks have written since, its head is past this desk's again — only this shows that
   * what HQ acknowledged to this desk is gone.
   */
  const checkContinuity = async (hq: HqClient, signal: AbortSignal): Promise<void> => {
    const known = journal.knownHead();
    if (known) {
      // Its timeout teaches (the known event may be one too big for the link), not its answer: it
      // comes after each pull failure, and a small event answering fast would give back the time a
      // page of one big event has just been given, before that page is asked again.
      const page = await askPage(hq, { after: known.position - 1, limit: 1, waitMs: 0 }, signal, false);
      checkLog(page.logId, page.head, true);
      if (page.events[0]?.eventId !== known.eventId) {
        throw new SyncDivergence('', `HQ no longer holds at position ${known.position} the event it gave this desk there: its log was restored or rewritten`);
      }
    }
    continuityChecked = true;
  };

  /**
   * A catch-up's next page, asked for before the current one is applied, so that HQ reads and
   * sends it while this desk writes (a separate process: the two overlap). Used only by the very
   * next pull, from the same checkpoint, client and controller; otherwise dropped (its failure
   * then means nothing). Its generation is the one it was asked in, like any pull's.
   */
  let ahead: { readonly after: number; readonly generation: number; readonly hq: HqClient; readonly controller: AbortController; readonly page: Promise<PullResponse> } | undefined;

  /** A new desk far behind HQ pulls the log first and builds its read models once at the end (deferred-catch-up.ts). */
  const deferIfJoining = (page: PullResponse, after: number): void => {
    if (page.events.length === 0 || isLoadingHistory()) return;
    const firstPullDone = journal.firstPullDone();
    // A desk that has had the whole history once (every desk but a joining one) asks nothing more.
    if (firstPullDone) return;
    const start = {
      decidedHere: events.decidedAny(),
      firstPullDone,
      pending: events.countPending(),
      needsFullPull: journal.needsFullPull(),
      checkpoint: after,
      head: page.head,
      threshold: timing.deferReadModelsFrom,
    };
    if (!shouldDeferReadModels(start)) return;
    const names = events.projections.defer();
    log(`sync: a new desk, ${page.head} events behind HQ: ${names.join(', ')} are built once the catch-up is over`);
  };

  /** The thread building the deferred read models while the log arrives, and how far it is. */
  let buildThread: DeferredBuildThread | undefined;
  let threadBuilt = { done: 0, total: 0 };
  /** The thread failed once: the read models are built here at the end. */
  let buildThreadFailed = false;
  /** A thread whose read models the desk took: it checkpoints the desk's WAL, then ends (close waits for it). */
  let endingThread: DeferredBuildThread | undefined;
  const ensureBuildThread = (): void => {
    if (buildThread || buildThreadFailed || !options.startBuildThread || !isLoadingHistory()) return;
    try {
      threadBuilt = { done: 0, total: 0 };
      const thread = options.startBuildThread(timing.buildSlice, (done, total) => {
        threadBuilt = { done, total };
        if (catchUp?.phase !== 'building') return;
        catchUp = { ...catchUp, built: done, toBuild: total };
        changed();
      });
      buildThread = thread;
      thread.finished.catch((error: unknown) => {
        log('sync: the thread building the read models failed; they are built here once the log is whole', error);
        buildThreadFailed = true;
        if (buildThread === thread) buildThread = undefined;
      });
    } catch (error) {
      buildThreadFailed = true;
      log('sync: no thread could build the read models; they are built here once the log is whole', error);
    }
  };

  /** Runs the write of a pulled page and tells the build thread (if any) that the log grew. */
  const writePage = <T>(write: () => T): T => {
    const written = write();
    buildThread?.logGrew();
    return written;
  };

  /** The build thread finishes what the log holds now; answers whether it built them (false: stopped or failed). */
  const finishOnThread = async (thread: DeferredBuildThread, pulled: number, head: number): Promise<boolean> => {
    catchUp = { pulled, head, phase: 'building', built: threadBuilt.done, toBuild: threadBuilt.total };
    changed();
    thread.logWhole();
    try {
      // Told for a moment at least, as on this thread: a build that kept up with the log ends at once.
      const [ended] = await Promise.all([thread.finished, new Promise((resolve) => setTimeout(resolve, TELL_BEFORE_BUILD_MS))]);
      if (ended === 'stopped') return false;
      const copying = performance.now();
      events.projections.adoptBuilt(thread.scratch, ended);
      thread.checkpointAndEnd();
      endingThread = thread;
      log(`sync: the read models built beside the pull were taken in ${Math.round(performance.now() - copying)} ms`);
      return true;
    } catch (error) {
      log('sync: the read models built on their thread could not be taken; they are built here', error);
      await thread.stop();
      removeScratch(thread.scratch);
      return false;
    } finally {
      if (buildThread === thread) buildThread = undefined;
    }
  };

  /**
   * The deferred read models, rebuilt from the log in slices with a pause after each, in which the
   * desk answers its calls (sync.status shows the building phase). No pull runs meanwhile; a
   * command is refused until it is over (requireWritable). Answers false when the desk closes
   * first: the read models stay stale and the next start rebuilds them.
   */
  const buildDeferred = async (pulled: number, head: number): Promise<boolean> => {
    const thread = buildThread;
    if (thread && (await finishOnThread(thread, pulled, head))) {
      // Every list changed at once: no stream ids, so the screens reload whatever they show.
      options.notify({ kind: 'events', position: events.lastPosition() });
      return true;
    }
    // Closing, or the thread failed (then built here, from the start).
    if (closing || phase !== 'running' || !isLoadingHistory()) return !isLoadingHistory();
    catchUp = { pulled, head, phase: 'building', built: 0, toBuild: 0 };
    changed();
    const mayGoOn = (): boolean => phase === 'running' && !closing;
    const pauseBetween = async (): Promise<boolean> => {
      await new Promise((resolve) => setImmediate(resolve));
      return mayGoOn();
    };
    // The building phase is told (changed() tells within 50 ms) and the screens get to ask for it
    // before the first slice, which keeps the desk busy a second or more, or the whole build.
    await new Promise((resolve) => setTimeout(resolve, TELL_BEFORE_BUILD_MS));
    if (!mayGoOn()) return false;
    const built = await events.projections.buildDeferred({
      slice: timing.buildSlice,
      between: pauseBetween,
      onProgress: (done, total) => {
        catchUp = { pulled, head, phase: 'building', built: done, toBuild: total };
        changed();
      },
    });
    // Every list changed at once: no stream ids, so the screens reload whatever they show.
    if (built) options.notify({ kind: 'events', position: events.lastPosition() });
    return built;
  };

  const pullOnce = async (hq: HqClient): Promise<void> => {
    const controller = pullController;
    const early = ahead;
    ahead = undefined;
    const after = journal.checkpoint();
    const limit = pageLimit();
    let generation: number;
    let page: PullResponse;
    if (early && early.after === after && early.hq === hq && early.controller === controller && continuityChecked) {
      generation = early.generation;
      page = await early.page;
    } else {
      await ensureHealth(hq, controller.signal);
      generation = ++pullGeneration;
      if (!continuityChecked) await checkContinuity(hq, controller.signal);
      page = await askPage(hq, { after, limit, waitMs: caughtUp ? timing.longPollMs : 0 }, controller.signal);
    }
    if (phase !== 'running') return;
    deferIfJoining(page, after);
    ensureBuildThread();
    const next = page.events.at(-1)?.serverPosition;
    if (page.more && next !== undefined) {
      const asked = askPage(hq, { after: next, limit: pageLimit(), waitMs: 0 }, controller.signal);
      asked.catch(() => undefined);
      ahead = { after: next, generation: ++pullGeneration, hq, controller, page: asked };
    }
    applyPage(page, after);
    succeeded('pull');
    lastPullAt = options.now().toISOString();
    const last = page.events.at(-1)?.serverPosition ?? after;
    if (page.more) {
      caughtUp = false;
      catchUp = { pulled: last, head: page.head, phase: 'pulling' };
    } else {
      // A joining desk holds HQ's head: its deferred read models are built before anything runs on them.
      if (isLoadingHistory() && !(await buildDeferred(last, page.head))) return;
      caughtUp = true;
      catchUp = undefined;
      reachedHead(generation);
    }
  };

  /** How many pull failures in a row mean a catch-up is cut off, not just interrupted for a moment. */
  const CUT_OFF_AFTER = 3;

  const settlePullDone = (): void => {
    const waiters = pullDone;
    pullDone = [];
    for (const resolve of waiters) resolve();
  };

  /** How long a loop waits before it calls HQ: 0 when it may call now; a minute (or its alarm) with no HQ or while it may not run; else the backoff's rest. */
  const waitBeforeCall = (hq: HqClient | null, mayRun: boolean): number => (hq && mayRun ? retryAt - ticks() : 60_000);

  /** A pull at once, whatever a drain holds: a long-poll under way ends, the pull loop wakes. */
  const pullNow = (): void => {
    pullWanted = true;
    pullController.abort();
    pullController = new AbortController();
    pullAlarm.ring();
  };

  /** How long the next pull waits for the drain (see `draining`): 0 when it may go now. */
  const pullHeldFor = (): number => (draining && !pullWanted ? Math.max(0, lastPullStartedAt + timing.pullEveryWhileDrainingMs - ticks()) : 0);

  /** The push loop says whether it drains a backlog; when it stops, a held pull goes at once. */
  const drainingNow = (now: boolean): void => {
    if (draining && !now) pullAlarm.ring();
    draining = now;
  };

  const pullLoop = async (): Promise<void> => {
    while (phase !== 'closed' && !closing) {
      const hq = hqClient();
      const wait = waitBeforeCall(hq, phase === 'running');
      if (!hq || wait > 0) {
        settlePullDone();
        await pullAlarm.wait(wait);
        continue;
      }
      const held = pullHeldFor();
      if (held > 0) {
        await pullAlarm.wait(held);
        continue;
      }
      pullWanted = false;
      lastPullStartedAt = ticks();
      const used = clientFor;
      try {
        await pullOnce(hq);
      } catch (error) {
        // Whether HQ holds news is not known after a failure: the next pull asks without waiting
        // (a pull that waited tells nothing of the link's pace, askPage).
        caughtUp = false;
        // An answer to a call made with an earlier address or token decides nothing now.
        if (used === clientFor) {
          fail(error, 'pull', (error instanceof HqCallError ? pullLessons.get(error) : undefined) ?? '');
          // HQ may come back restored from a backup: check its log again then.
          continuityChecked = false;
          pullFailures += 1;
          if (pullFailures === CUT_OFF_AFTER) catchUpCutOff();
        }
      }
      settlePullDone();
      changed();
    }
  };

  /**
   * A catch-up the network cut off: the rebased streams' commands would wait for HQ's head for the
   * whole outage, and the desk could not even check a patient in on them. They re-run on what the
   * desk has; a later pull rebases them again where HQ holds more (a restored backup still waits
   * for its full pull).
   */
  const catchUpCutOff = (): void => {
    if (journal.needsFullPull() || events.streamsWithSetAside().length === 0) return;
    const touched = rerunWaiting();
    if (touched.size > 0) options.notify({ kind: 'events', position: events.lastPosition(), streamIds: [...touched] });
  };

  // ---- push ----------------------------------------------------------------------------------

  /**
   * Pending events in local order, a page at a time, so held streams never starve the others;
   * `from` a position: the events behind a push still on its way (see pushLoop), `onItsWay`.
   */
  const nextBatch = (from = 0, onItsWay?: PushBatch): PushBatch => {
    const maxEvents = transferLimit(pushSize, limits.maxEventsPerPush);
    const maxBytes = Math.floor(limits.maxBodyBytes * 0.9);
    // Streams with set-aside commands to re-run, read once a batch rather than once per stream (a
    // drain's batch names hundreds); nothing writes between this and the page, read right after.
    const setAside = new Set(events.streamsWithSetAside());
    const isHeld = (streamId: string): boolean =>
      held.has(streamId) || stopped.has(streamId) || journal.isQuarantined(streamId) || setAside.has(streamId);
    // The push on its way holds the live event each of its streams' next one is built on (a rebase
    // since then moves pendingEpoch and this batch is dropped): no lookup for those. A rebase while
    // that push is on its way can leave such a basis naming a set-aside event; harmless only because
    // this batch goes once HQ took that push whole (takenWhole), which HQ cannot do for an event whose
    // version it already holds.
    const lastOnItsWay = new Map<string, PushedEvent>();
    for (const event of onItsWay?.events ?? []) lastOnItsWay.set(event.streamId, event);
    const eventIdAt = (streamId: string, version: number): string | undefined => {
      const sent = lastOnItsWay.get(streamId);
      return sent?.version === version ? sent.eventId : events.eventIdAt(streamId, version);
    };
    let after = from;
    for (;;) {
      const pageSize = Math.max(maxEvents, 500) + 1;
      const page: readonly PushCandidate[] = events.readPendingToPush(after, pageSize);
      if (page.length === 0) return { events: [], bodies: [], basis: {}, lastPosition: after, full: false, commands: 0 };
      const batch = selectPushBatch(page, { isHeld, eventIdAt }, { maxEvents, maxBytes }, page.length < pageSize);
      if (batch.events.length > 0 || batch.full) return batch;
      after = page[page.length - 1]?.position ?? after;
    }
  };

  const applyResults = (batch: PushBatch, results: readonly PushResult[]): void => {
    if (results.length !== batch.events.length) {
      throw new HqCallError({ kind: 'protocol', message: `HQ answered ${results.length} results for ${batch.events.length} events` });
    }
    results.forEach((result, index) => {
      if (batch.events[index]?.eventId !== result.eventId) {
        throw new HqCallError({ kind: 'protocol', message: `HQ's result ${index} names ${result.eventId}, not the event pushed there` });
      }
    });
    const receivedAt = options.now().toISOString();
    const receipts = results.flatMap((result) =>
      result.status === 'accepted' || result.status === 'duplicate' ? [{ eventId: result.eventId, serverPosition: result.serverPosition }] : [],
    );
    events.acknowledge(receipts, () => {
      const highest = receipts.reduce<(typeof receipts)[number] | undefined>((top, receipt) => (!top || receipt.serverPosition > top.serverPosition ? receipt : top), undefined);
      if (highest) journal.learnHead(highest.serverPosition, highest.eventId);
    });
    let needPull = false;
    results.forEach((result, index) => {
      const envelope = batch.events[index];
      if (!envelope || result.status === 'accepted' || result.status === 'duplicate') return;
      // A rebase may have overtaken this push: a refusal of an event no longer live applies to nothing.
      if (events.eventIdAt(envelope.streamId, envelope.version) !== envelope.eventId) return;
      if (result.status === 'conflict' || result.status === 'blocked') {
        if (!held.has(envelope.streamId)) held.set(envelope.streamId, { eventId: envelope.eventId, generation: pullGeneration });
        needPull = true;
      } else if (result.status === 'rejected' && !journal.isQuarantined(envelope.streamId)) {
        journal.quarantine({
          streamId: envelope.streamId,
          eventId: envelope.eventId,
          reason: result.reason,
          detail: result.detail ?? null,
          appVersion: options.appVersion,
          since: receivedAt,
        });
        log(`sync: HQ rejected ${envelope.eventId} (${result.reason}); stream ${envelope.streamId} is quarantined`);
      }
    });
    // The clashing event is already at HQ: the pull fetches it now.
    if (needPull) pullNow();
  };

  /** A push on its way to HQ; its answer's failure is dealt with where it is awaited. */
  interface Flight {
    readonly batch: PushBatch;
    /** The address and token it went with. */
    readonly used: string;
    readonly answer: Promise<PushResponse>;
    /** When the push itself left (after a health check) and how long HQ took to answer it: what sizes the next pushes. */
    readonly timed: { leftAt?: number; tookMs?: number };
  }

  const send = (hq: HqClient, batch: PushBatch, signal: AbortSignal): Flight => {
    const timed: Flight['timed'] = {};
    const answer = (async () => {
      await ensureHealth(hq, signal);
      const basis = Object.keys(batch.basis).length > 0 ? { basis: { ...batch.basis } } : {};
      const leftAt = ticks();
      timed.leftAt = leftAt;
      const response = await hq.push(
        { head: { deviceId: options.installationId, appVersion: options.appVersion, ...basis }, eventBodies: batch.bodies },
        signal,
        transferTimeoutMs(pushSize, timing.requestTimeoutMs),
      );
      timed.tookMs = ticks() - leftAt;
      return response;
    })();
    answer.catch(() => undefined);
    return { batch, used: clientFor, answer, timed };
  };

  const settle = (flight: Flight, response: PushResponse): void => {
    applyResults(flight.batch, response.results);
    succeeded('push');
    // HQ took this installation's push: whatever binding was wrong is right now.
    needsRebind = false;
    lastPushAt = options.now().toISOString();
    const { tookMs } = flight.timed;
    if (tookMs !== undefined) {
      pushSize = afterAnswer(pushSize, { sent: flight.batch.events.length, tookMs, timeoutMs: timing.requestTimeoutMs, most: limits.maxEventsPerPush });
    }
  };

  /**
   * A push that failed; one that timed out or was too large also shrinks the next ones. Only the
   * push itself: a health check timing out before it says nothing of its size.
   */
  const pushFailed = (error: unknown, flight: Flight): void => {
    let detail = '';
    if (error instanceof HqCallError && flight.timed.leftAt !== undefined) {
      const { failure } = error;
      const sent = flight.batch.events.length;
      if (timedOut(failure)) {
        pushSize = afterTimeout(pushSize, sent, flight.batch.commands);
        detail = ` (${sent} events at once); the next pushes carry at most ${transferLimit(pushSize, limits.maxEventsPerPush)}${mayTake(pushSize)}`;
      } else if (failure.kind === 'http' && failure.status === 413) pushSize = afterTooLarge(pushSize, sent);
    }
    fail(error, 'push', detail);
  };

  /** One push, settled; its failure is noted, then thrown. */
  const pushOnce = async (hq: HqClient, batch: PushBatch, signal: AbortSignal): Promise<void> => {
    const flight = send(hq, batch, signal);
    try {
      const response = await flight.answer;
      if (phase === 'closed') return;
      settle(flight, response);
    } catch (error) {
      pushFailed(error, flight);
      throw error;
    }
  };

  /** HQ took every event of the batch (accepted or duplicate), answered in the order sent. */
  const takenWhole = (batch: PushBatch, response: PushResponse): boolean =>
    response.results.length === batch.events.length &&
    response.results.every((result, index) => result.eventId === batch.events[index]?.eventId && (result.status === 'accepted' || result.status === 'duplicate'));

  /**
   * The batch behind one on its way, chosen while HQ works on that one: the pending events after
   * it. It goes only once that one is taken whole, so each of its streams is built on events HQ
   * holds (§7: the previous version published or earlier in the same batch); a stream whose
   * previous version is neither in the push on its way nor published drops the whole batch.
   */
  const chooseBehind = (flight: Flight): { readonly batch: PushBatch; readonly epoch: number } | undefined => {
    const epoch = pendingEpoch;
    const batch = nextBatch(flight.batch.lastPosition, flight.batch);
    if (batch.events.length === 0) return undefined;
    const onItsWay = new Set(flight.batch.events.map((event) => event.eventId));
    const first = new Map<string, number>();
    for (const event of batch.events) if (!first.has(event.streamId)) first.set(event.streamId, event.version);
    for (const [streamId, version] of first) {
      const basis = batch.basis[streamId];
      if (version > 1 && !(basis !== undefined && onItsWay.has(basis)) && events.publishedVersion(streamId) < version - 1) return undefined;
    }
    return { batch, epoch };
  };

  /** Lets a request just handed to fetch leave before a stretch of synchronous work here. */
  const letItLeave = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

  /** Asked again after each wait: the worker may close meanwhile. */
  const closed = (): boolean => phase === 'closed';

  /** A restored backup pushes nothing before its full pull has sorted its pending events out. */
  const mayPush = (): boolean => phase === 'running' && !journal.needsFullPull();

  /**
   * One push at a time, each sent once the one before it was answered; but the desk's own work
   * around a push (choosing the next batch, marking the last one published) is done while HQ
   * works on the push after it, so that a desk draining an outage keeps HQ busy.
   */
  const pushLoop = async (): Promise<void> => {
    /** A push sent right behind the one before, not yet answered. */
    let flight: Flight | undefined;
    while (phase !== 'closed' && (!closing || flight)) {
      if (!flight) {
        const hq = hqClient();
        const wait = waitBeforeCall(hq, mayPush());
        if (!hq || wait > 0) {
          settlePushIdle();
          await pushAlarm.wait(wait);
          continue;
        }
        const batch = nextBatch();
        if (batch.events.length === 0) {
          settlePushIdle();
          changed();
          await pushAlarm.wait(60_000);
          continue;
        }
        flight = send(hq, batch, pushController.signal);
      }
      const current = flight;
      flight = undefined;
      drainingNow(current.batch.full && current.batch.events.length >= timing.drainFrom);
      let behind: ReturnType<typeof chooseBehind>;
      if (current.batch.full) {
        await letItLeave();
        try {
          behind = chooseBehind(current);
        } catch (error) {
          log('sync: could not choose the next push ahead', error);
        }
      }
      let response: PushResponse;
      try {
        response = await current.answer;
      } catch (error) {
        // A 401 for the token a manager has just replaced must not pause the new one.
        if (current.used === clientFor) pushFailed(error, current);
        settlePushIdle();
        changed();
        continue;
      }
      if (closed()) break;
      const hq = hqClient();
      if (behind && behind.epoch === pendingEpoch && hq && current.used === clientFor && !closing && mayPush() && takenWhole(current.batch, response)) {
        flight = send(hq, behind.batch, pushController.signal);
        await letItLeave();
        if (closed()) break;
      }
      try {
        settle(current, response);
      } catch (error) {
        if (current.used === clientFor) fail(error, 'push');
        settlePushIdle();
      }
      changed();
    }
  };

  const settlePushIdle = (): void => {
    drainingNow(false);
    const waiters = pushIdle;
    pushIdle = [];
    for (const resolve of waiters) resolve();
  };

  // ---- control -------------------------------------------------------------------------------

  const retryStream = (streamId: string): void => {
    pendingEpoch += 1;
    events.setAsidePending(streamId);
    rerun.setAside(streamId);
    journal.release(streamId);
    stopped.delete(streamId);
    held.delete(streamId);
    options.notify({ kind: 'events', position: events.lastPosition(), streamIds: [streamId] });
    pushAlarm.ring();
    changed();
  };

  const wakeAll = (): void => {
    if (phase === 'closed') return;
    pullNow();
    pushAlarm.ring();
  };

  const loops = [pullLoop(), pushLoop()];

  return {
    status,
    historyLoading,
    kick: () => {
      changed();
      if (debounce !== undefined || phase === 'closed') return;
      debounce = setTimeout(() => {
        debounce = undefined;
        pushAlarm.ring();
      }, timing.debounceMs);
    },
    syncNow: async () => {
      // Stopped means a person must look first (HQ's log changed): trying again would not help.
      if (phase === 'closed' || phase === 'stopped' || !options.connection()) return;
      if (phase === 'paused') phase = 'running';
      failures = 0;
      retryAt = 0;
      caughtUp = false;
      const pulled = new Promise<void>((resolve) => pullDone.push(resolve));
      wakeAll();
      await pulled;
      const pushed = new Promise<void>((resolve) => pushIdle.push(resolve));
      pushAlarm.ring();
      await pushed;
      changed();
    },
    reconfigure: () => {
      if (phase === 'closed') return;
      // New address or token: start over with them; a stop is checked again against the HQ now named.
      phase = 'running';
      // and with no push or page size learnt on the way to and from the HQ before
      pushSize = UNLIMITED_TRANSFER_SIZE;
      pullSize = UNLIMITED_TRANSFER_SIZE;
      client = null;
      clientFor = '';
      continuityChecked = false;
      pushError = null;
      pullError = null;
      needsRebind = false;
      failures = 0;
      retryAt = 0;
      healthAt = 0;
      caughtUp = false;
      wakeAll();
      changed();
    },
    retryStream,
    close: async (timeoutMs) => {
      if (phase === 'closed') return;
      closing = true;
      if (debounce !== undefined) clearTimeout(debounce);
      if (notifyTimer !== undefined) clearTimeout(notifyTimer);
      // One deadline for everything: the loops' last step, then a last push of what is pending.
      const end = ticks() + Math.max(0, timeoutMs);
      const deadline = setTimeout(() => pushController.abort(), Math.max(0, timeoutMs));
      pullController.abort();
      pullAlarm.ring();
      pushAlarm.ring();
      // A build thread under way stops after its slice (its read models stay deferred: the next start rebuilds them).
      // (and one still checkpointing ends first: the desk's files close after its connection)
      const threadStopped = Promise.all([buildThread?.stop(), endingThread?.stop()]);
      let loopsTimer: ReturnType<typeof setTimeout> | undefined;
      try {
        await Promise.race([Promise.all(loops), new Promise((resolve) => (loopsTimer = setTimeout(resolve, Math.max(0, end - ticks()))))]);
        clearTimeout(loopsTimer);
        const hq = hqClient();
        // A connection that died in an outage may fail once more: a few quick tries, within the time.
        let tries = 0;
        while (hq && mayPush() && !pushController.signal.aborted && ticks() < end && tries < 3) {
          const batch = nextBatch();
          if (batch.events.length === 0) break;
          try {
            await pushOnce(hq, batch, pushController.signal);
            tries = 0;
          } catch (error) {
            // what does not make it stays pending for the next start (pushOnce noted the failure)
            tries += 1;
            if (!(error instanceof HqCallError) || !['network', 'timeout'].includes(error.failure.kind)) break;
            await new Promise((resolve) => setTimeout(resolve, Math.min(100, Math.max(0, end - ticks()))));
          }
        }
      } finally {
        clearTimeout(loopsTimer);
        clearTimeout(deadline);
        pushController.abort();
        await threadStopped;
        if (buildThread) removeScratch(buildThread.scratch);
        phase = 'closed';
        settlePushIdle();
        for (const resolve of pullDone) resolve();
        pullDone = [];
      }
    },
  };
};
