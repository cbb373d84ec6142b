/**
 * Runs the script of a clinic year (clinic-year.ts) into desk A's database through the real
 * kernel: a Headspring per desk, desk A's on its own SQLite event store (command log, snapshots,
 * inline read models), desks B and C deciding on the same history and their events arriving at A
 * as pulled from HQ. HQ's order is A's local order, so each event's server position is its local
 * position, and A's own events are acknowledged as HQ would. Offline desks are replayed as their
 * rebase does it (shared/eventsourcing/rerun.ts): an observation re-run with its anomaly, an
 * intent that no longer holds recorded as a conflict.
 *
 * Ids come from a seeded UUIDv7 source at each command's own time, so the same script gives the
 * same events, byte for byte.
 */
import { clinicRegistry } from '../../shared/clinic/registry.js';
import {
  createHeadspring,
  isDomainError,
  VersionClash,
  type Command,
  type CommandInput,
  type EventStore,
  type Headspring,
  type IdSource,
  type RecordConflictCommand,
} from '../../shared/eventsourcing/index.js';
import { uuidV7 } from '../../src-main/core/ids.js';
import { deskProjections } from '../../src-main/core/read-models/index.js';
import { openDeskStore, type DeskStore } from '../../src-main/core/store/desk-store.js';
import type { SqliteEventStore } from '../../src-main/core/store/sqlite-event-store.js';
import { seededUuidV7, type ClinicYear, type DeskKey, type Handle, type Ref, type Step } from './clinic-year.js';
import { seededRandom } from './seeded-random.js';

export const APP_VERSION = '0.1.0';

/** Replaces every `{ $ref: handle }` in a payload with the stream id it names. */
export const resolveRefs = (value: unknown, id: (handle: Handle) => string): unknown => {
  if (Array.isArray(value)) return value.map((item) => resolveRefs(item, id));
  if (value !== null && typeof value === 'object') {
    if ('$ref' in value && typeof (value as Ref).$ref === 'number') return id((value as Ref).$ref);
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, resolveRefs(item, id)]));
  }
  return value;
};

/** Desk B or C as desk A sees it: the same history; what it appends arrives as pulled from HQ. */
const remoteDesk = (events: SqliteEventStore, tenantId: string): EventStore => ({
  streamHead: events.streamHead,
  readStream: events.readStream,
  latestSnapshot: events.latestSnapshot,
  findCommand: () => undefined,
  append: (request) => {
    const actual = events.streamHead(request.streamId)?.version ?? 0;
    if (actual !== request.expectedVersion) throw new VersionClash(request.streamId, request.expectedVersion, actual);
    let position = events.lastPosition();
    events.applyPulled(
      request.events.map((envelope) => ({
        envelope: { ...envelope, tenantId },
        serverPosition: ++position,
        receivedAt: new Date(Date.parse(envelope.meta.raisedAt) + 400).toISOString(),
      })),
      () => undefined,
    );
  },
});

export interface YearRunResult {
  readonly handles: ReadonlyMap<Handle, string>;
  readonly events: number;
  readonly commands: number;
  readonly conflicts: number;
  readonly anomalies: number;
}

/**
 * Runs `year` into a new desk database in `dataDir` (synchronous=OFF while it is built: a build
 * that crashes is thrown away). `onDay` is called after each day with the events so far.
 */
export const runYear = (year: ClinicYear, dataDir: string, onDay?: (day: number, events: number) => void): YearRunResult => {
  let now = year.startMs;
  const idRandom = seededRandom(`${String(year.options.seed)}/ids`);
  const ids: IdSource = { newId: () => seededUuidV7(idRandom, now), derive: uuidV7.derive };
  const store: DeskStore = openDeskStore({
    dataDir,
    registry: clinicRegistry,
    projections: deskProjections,
    ids: { newId: () => year.installations.A, derive: uuidV7.derive },
    now: () => new Date(now),
  });
  store.writer.pragma('synchronous = OFF');
  store.writer.pragma('cache_size = -262144');
  const events = store.events;
  const headspringOf = (desk: DeskKey): Headspring =>
    createHeadspring({
      store: desk === 'A' ? events : remoteDesk(events, year.tenantId),
      registry: clinicRegistry,
      ids,
      origin: { deviceId: year.installations[desk], appVersion: APP_VERSION },
      stateCacheSize: 20_000,
    });
  const desks: Record<DeskKey, Headspring> = { A: headspringOf('A'), B: headspringOf('B'), C: headspringOf('C') };

  const handles = new Map<Handle, string>();
  const id = (handle: Handle): string => {
    const found = handles.get(handle);
    if (found === undefined) throw new Error(`handle ${handle} used before its stream exists`);
    return found;
  };
  const offline = new Map<number, { command: Command; decidedOn: number; conflictId?: string }>();
  let commands = 0;
  let conflicts = 0;
  let anomalies = 0;

  /** A's own events, published with HQ's position (its local one) as HQ's receipt would. */
  const acknowledgeOwn = (): void => {
    const pending = events.readPending(1_000_000);
    events.acknowledge(pending.map((event) => ({ eventId: event.envelope.eventId, serverPosition: event.position, receivedAt: new Date(Date.parse(event.envelope.meta.raisedAt) + 400).toISOString() })));
  };

  const commandOf = (step: Step): CommandInput => {
    const issuedBy = step.by === 'device' ? `device:${year.installations[step.desk]}` : id(step.by);
    const streamId = step.stream === 'clinic' ? 'clinic' : step.stream === undefined ? undefined : id(step.stream);
    return {
      commandId: ids.newId(),
      type: step.type,
      ...(streamId !== undefined ? { streamId } : {}),
      payload: resolveRefs(step.payload, id),
      schemaVersion: 1,
      issuedBy,
      issuedAt: new Date(step.at).toISOString(),
    };
  };
  const existingCommandOf = (step: Step): Command => {
    const command = commandOf(step);
    if (command.streamId === undefined) throw new Error(`offline ${step.type} names no stream`);
    return { ...command, streamId: command.streamId };
  };

  const run = (step: Step): void => {
    now = step.at;
    const headspring = desks[step.desk];
    switch (step.how) {
      case 'execute': {
        const result = headspring.execute(commandOf(step));
        if (step.makes !== undefined) handles.set(step.makes, result.streamId);
        commands += 1;
        return;
      }
      case 'offline': {
        const command = existingCommandOf(step);
        offline.set(step.offline ?? -1, { command, decidedOn: events.streamHead(command.streamId)?.version ?? 0 });
        return;
      }
      case 'rebase': {
        const kept = offline.get(step.offline ?? -1);
        if (!kept) throw new Error(`rebase of offline command ${step.offline} that was never decided`);
        commands += 1;
        try {
          if (headspring.reexecute(kept.command).anomaly) anomalies += 1;
        } catch (error) {
          if (!isDomainError(error)) throw error;
          const conflictId = ids.derive('conflict', kept.command.commandId);
          const record: RecordConflictCommand = {
            commandId: ids.derive('conflict-command', kept.command.commandId),
            type: 'RecordConflict',
            streamId: kept.command.streamId,
            payload: { conflictId, command: kept.command, error: { code: error.code, message: error.message }, waiting: [], decidedOn: kept.decidedOn },
            schemaVersion: 1,
            issuedBy: kept.command.issuedBy,
            issuedAt: new Date(step.at).toISOString(),
            processId: kept.command.commandId,
            predecessorId: kept.command.commandId,
          };
          headspring.execute(record);
          kept.conflictId = conflictId;
          conflicts += 1;
        }
        return;
      }
      case 'resolve': {
        const kept = offline.get(step.offline ?? -1);
        if (kept?.conflictId === undefined || step.by === 'device') return;
        headspring.resolveConflict({
          streamId: kept.command.streamId,
          conflictId: kept.conflictId,
          action: 'dismiss',
          reason: (step.payload as { reason: string }).reason,
          issuedBy: id(step.by),
          issuedAt: new Date(step.at).toISOString(),
        });
        commands += 1;
        return;
      }
    }
  };

  try {
    let day = -1;
    let batch: Step[] = [];
    const flush = (): void => {
      if (batch.length === 0) return;
      const steps = batch;
      batch = [];
      events.transaction(() => {
        for (const step of steps) {
          try {
            run(step);
          } catch (error) {
            throw new Error(`the script's ${step.type} at ${new Date(step.at).toISOString()} (desk ${step.desk}) failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
          }
        }
        acknowledgeOwn();
      });
      onDay?.(day, events.lastPosition());
    };
    for (const step of year.steps()) {
      const stepDay = Math.floor((step.at - year.startMs) / 86_400_000);
      if (stepDay !== day) {
        flush();
        day = stepDay;
      }
      batch.push(step);
    }
    flush();
    return { handles, events: events.lastPosition(), commands, conflicts, anomalies };
  } finally {
    store.close();
  }
};
