/**
 * The tenant event logs in HQ's SQLite file. A push is one IMMEDIATE transaction: it holds the
 * file's write lock from its first statement, so pushes are serialized, positions are handed out
 * from the tenant's head in commit order, and a reader (another WAL snapshot) sees a tenant's
 * positions only as a gap-free prefix.
 */
import { basisVersionsFor, planPush, type RecordedEvent, type StreamHead } from '../../log/push-plan.js';
import { pulledEventOf, type StoredEventRow } from '../../log/pulled-event.js';
import type { EventLogStore, PushBatch, PushOutcome } from '../hq-store.js';
import type { LocalHeadSignal } from '../local-head-signal.js';
import { asPromise } from './as-promise.js';
import type { HqSqlite } from './open-sqlite.js';

interface EventRow {
  readonly tenant_id: string;
  readonly server_position: number;
  readonly event_id: string;
  readonly stream_type: string;
  readonly stream_id: string;
  readonly version: number;
  readonly type: string;
  readonly schema_version: number;
  readonly data: string;
  readonly meta: string;
  readonly received_at: string;
}

const storedRowOf = (row: EventRow): StoredEventRow => ({
  tenantId: row.tenant_id,
  serverPosition: row.server_position,
  eventId: row.event_id,
  streamType: row.stream_type,
  streamId: row.stream_id,
  version: row.version,
  type: row.type,
  schemaVersion: row.schema_version,
  data: row.data,
  meta: row.meta,
  receivedAt: row.received_at,
});

/** Thrown inside the transaction to roll it back and answer with an outcome instead. */
class Abandon extends Error {
  constructor(readonly outcome: Exclude<PushOutcome, { kind: 'done' }>) {
    super(outcome.kind);
  }
}

export const createSqliteEventLog = ({ writer, reader }: HqSqlite, signal: LocalHeadSignal): EventLogStore => {
  // everything a push reads is read inside its transaction, on the writer
  const statements = {
    bind: writer.prepare(
      `UPDATE devices
       SET installation_id = coalesce(installation_id, @installationId), last_seen_at = @at, app_version = @appVersion
       WHERE device_id = @deviceId AND tenant_id = @tenantId AND revoked_at IS NULL
       RETURNING installation_id`,
    ),
    head: writer.prepare('SELECT head FROM tenants WHERE tenant_id = ?').pluck(),
    recorded: writer.prepare(
      `SELECT event_id, stream_id, stream_type, version, type, schema_version, data, meta, server_position
       FROM events WHERE tenant_id = ? AND event_id = ?`,
    ),
    streamHead: writer.prepare('SELECT stream_type, version FROM events WHERE tenant_id = ? AND stream_id = ? ORDER BY version DESC LIMIT 1'),
    eventAt: writer.prepare('SELECT event_id FROM events WHERE tenant_id = ? AND stream_id = ? AND version = ?').pluck(),
    insert: writer.prepare(
      `INSERT INTO events (tenant_id, server_position, event_id, stream_id, stream_type, version, type, schema_version, data, meta, received_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    setHead: writer.prepare('UPDATE tenants SET head = ? WHERE tenant_id = ?'),
    readHead: reader.prepare('SELECT head FROM tenants WHERE tenant_id = ?').pluck(),
    page: reader.prepare(
      `SELECT tenant_id, server_position, event_id, stream_type, stream_id, version, type, schema_version, data, meta, received_at
       FROM events WHERE tenant_id = ? AND server_position > ? ORDER BY server_position LIMIT ?`,
    ),
  };

  const pushTransaction = writer.transaction((batch: PushBatch): PushOutcome => {
    const bound = statements.bind.get({
      deviceId: batch.deviceId,
      tenantId: batch.tenantId,
      installationId: batch.installationId,
      at: batch.receivedAt,
      appVersion: batch.appVersion,
    }) as { installation_id: string } | undefined;
    if (!bound) throw new Abandon({ kind: 'device-revoked' });
    if (bound.installation_id !== batch.installationId) throw new Abandon({ kind: 'installation-mismatch' });

    const head = statements.head.get(batch.tenantId) as number | undefined;
    if (head === undefined) throw new Error(`Tenant ${batch.tenantId} has no head row`);
    const recorded = new Map<string, RecordedEvent>();
    const streams = new Map<string, StreamHead>();
    for (const event of batch.events) {
      if (event.kind !== 'valid') continue;
      const { eventId, streamId } = event.envelope;
      const row = statements.recorded.get(batch.tenantId, eventId) as
        | (Omit<EventRow, 'tenant_id' | 'received_at'> & { server_position: number })
        | undefined;
      if (row) {
        recorded.set(eventId, {
          eventId,
          streamId: row.stream_id,
          streamType: row.stream_type,
          version: row.version,
          type: row.type,
          schemaVersion: row.schema_version,
          data: row.data,
          meta: row.meta,
          serverPosition: row.server_position,
        });
      }
      if (!streams.has(streamId)) {
        const stream = statements.streamHead.get(batch.tenantId, streamId) as { stream_type: string; version: number } | undefined;
        if (stream) streams.set(streamId, { streamType: stream.stream_type, version: stream.version });
      }
    }

    const basis = batch.basis ?? new Map<string, string>();
    const heldAtBasis = new Map<string, string>();
    for (const { streamId, version } of basisVersionsFor(batch.events, basis)) {
      const held = statements.eventAt.get(batch.tenantId, streamId, version) as string | undefined;
      if (held !== undefined) heldAtBasis.set(streamId, held);
    }

    const plan = planPush({ events: batch.events, head, recorded, streams, basis, heldAtBasis });
    if (batch.onlyRecorded && plan.results.some((result) => result.status !== 'duplicate')) throw new Abandon({ kind: 'not-recorded' });
    for (const { serverPosition, envelope, data, meta } of plan.inserts) {
      statements.insert.run(
        batch.tenantId,
        serverPosition,
        envelope.eventId,
        envelope.streamId,
        envelope.streamType,
        envelope.version,
        envelope.type,
        envelope.schemaVersion,
        data,
        meta,
        batch.receivedAt,
      );
    }
    if (plan.head !== head) statements.setHead.run(plan.head, batch.tenantId);
    return { kind: 'done', results: plan.results, head: plan.head };
  });

  return {
    push: (batch) =>
      asPromise(() => {
        let outcome: PushOutcome;
        try {
          outcome = pushTransaction.immediate(batch);
        } catch (error) {
          if (error instanceof Abandon) return error.outcome;
          throw error;
        }
        // after the commit: a woken reader must find the events
        if (outcome.kind === 'done' && outcome.results.some((result) => result.status === 'accepted')) signal.announce(batch.tenantId);
        return outcome;
      }),
    readEvents: (tenantId, afterPosition, limit) =>
      asPromise(() => {
        const events = (statements.page.all(tenantId, afterPosition, limit) as EventRow[]).map((row) => pulledEventOf(storedRowOf(row)));
        const head = (statements.readHead.get(tenantId) as number | undefined) ?? 0;
        return { events, head };
      }),
    watchHead: signal.watch,
  };
};
