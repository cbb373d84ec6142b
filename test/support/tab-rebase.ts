/**
 * The rebase on real desk stores, without the network: tab desks (the kernel's test aggregate) and
 * a log standing in for HQ that takes what a desk delivers (in order, refusing a clashing version)
 * and hands back pages.
 */
import { createRerun, type EventEnvelope, type StreamRegistry } from '../../shared/eventsourcing/index.js';
import { uuidV7 } from '../../src-main/core/ids.js';
import type { RemoteEvent } from '../../src-main/core/store/sqlite-event-store.js';
import { tabCmd } from './tab-commands.js';
import { openTabDesk, tabRegistry, tempDir } from './tab-desk.js';

const RECEIVED_AT = '2026-11-25T12:00:00.000Z';

const openRebasingDesk = (dataDir: string, registry: StreamRegistry) => {
  const tab = openTabDesk(dataDir, 'FULL', registry);
  const rerun = createRerun({
    headspring: tab.headspring,
    store: tab.store.events,
    registry,
    ids: uuidV7,
    now: () => new Date('2026-11-25T12:00:00.000Z'),
  });
  let checkpoint = 0;
  return {
    ...tab,
    dataDir,
    rerun,
    events: tab.store.events,
    /** Applies HQ's events after this desk's checkpoint, as one page. */
    pull: (hq: HqLog) => {
      const page = hq.after(checkpoint);
      const result = tab.store.events.applyPulled(page, () => undefined);
      checkpoint = page.at(-1)?.serverPosition ?? checkpoint;
      return result;
    },
    rerunAll: () => tab.store.events.streamsWithSetAside().map((streamId) => rerun.setAside(streamId)),
    stream: (streamId: string) => tab.store.events.readStream(streamId),
  };
};

/** A tab desk that pulls pages from an HqLog and re-runs what a rebase set aside. */
export type RebasingDesk = ReturnType<typeof openRebasingDesk>;

/** HQ's log, reduced to what the rebase depends on: versions in order, one event per version. */
export class HqLog {
  readonly log: RemoteEvent[] = [];
  /**
   * Takes a desk's pending events in order while they follow HQ's head, at most `limit` of them (a
   * push batch's size), and acknowledges them; a stream whose next event clashes is refused whole.
   */
  deliver(from: RebasingDesk, limit = Number.POSITIVE_INFINITY): { accepted: number; conflicts: string[] } {
    const conflicts: string[] = [];
    const receipts = [];
    for (const { envelope } of from.events.readPendingAfter(0, 10_000)) {
      if (receipts.length >= limit) break;
      const head = this.log.filter((e) => e.envelope.streamId === envelope.streamId).length;
      if (conflicts.includes(envelope.streamId) || envelope.version !== head + 1) {
        if (!conflicts.includes(envelope.streamId)) conflicts.push(envelope.streamId);
        continue;
      }
      const serverPosition = this.log.length + 1;
      this.log.push({ envelope, serverPosition, receivedAt: RECEIVED_AT });
      receipts.push({ eventId: envelope.eventId, serverPosition });
    }
    from.events.acknowledge(receipts);
    return { accepted: receipts.length, conflicts };
  }
  /** Takes events without telling the desk (its answer was lost). */
  deliverSilently(envelopes: readonly EventEnvelope[]): void {
    for (const envelope of envelopes) this.log.push({ envelope, serverPosition: this.log.length + 1, receivedAt: RECEIVED_AT });
  }
  after(position: number): RemoteEvent[] {
    return this.log.slice(position);
  }
}

/** The rebasing desks of one spec file; `closeAll` after each test. */
export const rebasingDesks = () => {
  const opened: RebasingDesk[] = [];
  return {
    open: (dataDir = tempDir('rebase'), registry: StreamRegistry = tabRegistry): RebasingDesk => {
      const desk = openRebasingDesk(dataDir, registry);
      opened.push(desk);
      return desk;
    },
    /** A desk closed by the test itself is not closed again after it. */
    forget: (desk: RebasingDesk): void => {
      const index = opened.indexOf(desk);
      if (index >= 0) opened.splice(index, 1);
    },
    closeAll: (): void => {
      for (const desk of opened.splice(0)) desk.store.close();
    },
  };
};

/** A tab charged 5 on desk A, delivered, and pulled by desk B. */
export const chargedTab = (open: () => RebasingDesk) => {
  const hq = new HqLog();
  const a = open();
  const b = open();
  const { streamId } = a.headspring.execute(tabCmd('OpenTab', { name: 'Kim' }));
  a.headspring.execute(tabCmd('AddCharge', { amount: 5 }, streamId));
  hq.deliver(a);
  b.pull(hq);
  return { hq, a, b, streamId };
};

/** On `desk`, the charged tab is paid (its 5) and closed, and HQ has it: charges recorded elsewhere meanwhile no longer hold. */
export const payAndCloseTab = (hq: HqLog, desk: RebasingDesk, streamId: string): void => {
  desk.headspring.execute(tabCmd('TakePayment', { amount: 5 }, streamId));
  desk.headspring.execute(tabCmd('CloseTab', {}, streamId));
  hq.deliver(desk);
};
