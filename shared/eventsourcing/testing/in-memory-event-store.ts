import {
  CommandAlreadyRecorded,
  VersionClash,
  type AppendRequest,
  type CommandRecord,
  type EventStore,
  type StoredSnapshot,
  type StreamHead,
} from '../event-store.js';
import type { EventEnvelope } from '../event.js';

export interface InMemoryEventStore extends EventStore {
  /** Every event in append order, as a desk's global log would hold them. */
  readonly all: () => readonly EventEnvelope[];
  /** Puts events in as if another writer (or HQ) had written them; bypasses the command log. */
  readonly insertForeign: (events: readonly EventEnvelope[]) => void;
}

/**
 * The reference EventStore for kernel tests. It obeys the same contract suite as the SQLite
 * store, so behaviour seen in kernel tests is behaviour the desk has.
 */
export const createInMemoryEventStore = (): InMemoryEventStore => {
  const log: EventEnvelope[] = [];
  const streams = new Map<string, { streamType: string; events: EventEnvelope[] }>();
  const commands = new Map<string, CommandRecord>();
  const snapshots = new Map<string, StoredSnapshot[]>();
  const eventIds = new Set<string>();

  const put = (event: EventEnvelope): void => {
    const stream = streams.get(event.streamId) ?? { streamType: event.streamType, events: [] };
    stream.events.push(event);
    streams.set(event.streamId, stream);
    eventIds.add(event.eventId);
    log.push(event);
  };

  return {
    streamHead: (streamId): StreamHead | undefined => {
      const stream = streams.get(streamId);
      if (!stream) return undefined;
      const last = stream.events[stream.events.length - 1] as EventEnvelope;
      return { streamId, streamType: stream.streamType, version: stream.events.length, lastEventId: last.eventId };
    },
    readStream: (streamId, range) => {
      const after = range?.afterVersion ?? 0;
      const to = range?.toVersion ?? Number.POSITIVE_INFINITY;
      return (streams.get(streamId)?.events ?? []).filter((e) => e.version > after && e.version <= to);
    },
    latestSnapshot: (streamId, maxVersion) =>
      (snapshots.get(streamId) ?? [])
        .filter((snapshot) => maxVersion === undefined || snapshot.version <= maxVersion)
        .sort((a, b) => b.version - a.version)[0],
    findCommand: (commandId) => commands.get(commandId),
    append: (request: AppendRequest) => {
      const actual = streams.get(request.streamId)?.events.length ?? 0;
      if (actual !== request.expectedVersion) throw new VersionClash(request.streamId, request.expectedVersion, actual);
      if (request.recordMode === 'insert' && commands.has(request.record.commandId)) {
        throw new CommandAlreadyRecorded(request.record.commandId);
      }
      for (const event of request.events) {
        if (eventIds.has(event.eventId)) throw new Error(`Event id ${event.eventId} already stored`);
      }
      request.events.forEach(put);
      commands.set(request.record.commandId, request.record);
      if (request.snapshot) {
        snapshots.set(request.streamId, [...(snapshots.get(request.streamId) ?? []), request.snapshot]);
      }
    },
    all: () => [...log],
    insertForeign: (events) => {
      for (const event of events) {
        const actual = streams.get(event.streamId)?.events.length ?? 0;
        if (event.version !== actual + 1) throw new VersionClash(event.streamId, event.version - 1, actual);
        put(event);
      }
    },
  };
};
