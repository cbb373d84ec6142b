/**
 * The tenant event logs in HQ's SQLite file. Pushes are written in IMMEDIATE transactions (several
 * concurrent pushes in one, each in a savepoint: group commit): a transaction holds the file's
 * write lock from its first statement, so pushes are serialized, positions are handed out from
 * the tenant's head in commit order, and a reader (another WAL snapshot) sees a tenant's
 * positions only as a gap-free prefix.
 */
import { basisVersionsFor, lookupsFor, planPush, type RecordedEvent, type StreamHead } from '../../log/push-plan.js';
import { pageEndSql } from '../../log/page-end.js';
import { NO_EVENTS, type PulledEvents } from '../../log/pulled-event.js';
import type { EventLogStore, PushBatch, PushOutcome } from '../hq-store.js';
import type { LocalHeadSignal } from '../local-head-signal.js';
import { asPromise } from './as-promise.js';
import type { HqSqlite } from './open-sqlite.js';

/** An event the push's `recorded` lookup finds (data and meta as stored JSON text). */
interface RecordedRow {
  readonly server_position: number;
  readonly event_id: string;
  readonly stream_type: string;
  readonly stream_id: string;
  readonly version: number;
  readonly type: string;
  readonly schema_version: number;
  readonly data: string;
  readonly meta: string;
}

/** Thrown inside the transaction to roll it back and answer with an outcome instead. */
class Abandon extends Error {
  constructor(readonly outcome: Exclude<PushOutcome, { kind: 'done' }>) {
    super(outcome.kind);
  }
}

/**
 * What a push reads, one statement per lookup over a JSON array of the batch's ids: SQLite loops
 * over them in C instead of JavaScript calling it once per event. Each joins from the ids (CROSS
 * JOIN keeps them outside) so that every id is one seek of an index: written as `tenant_id = ?
 * AND event_id IN (…)`, SQLite read the tenant's whole log through the primary key instead (one
 * tenant holds every row), about a second per push at a million events.
 * test/server/hq-query-plans.int.spec.ts checks each plan.
 */
export const PUSH_LOOKUP_SQL = {
  recorded: `SELECT e.event_id, e.stream_id, e.stream_type, e.version, e.type, e.schema_version, e.data, e.meta, e.server_position
             FROM json_each(@ids) AS j
             CROSS JOIN events AS e ON e.tenant_id = @tenant AND e.event_id = j.value`,
  streamHeads: `SELECT j.value AS stream_id, e.stream_type, e.version
                FROM json_each(@ids) AS j
                CROSS JOIN events AS e ON e.tenant_id = @tenant AND e.stream_id = j.value
                  AND e.version = (SELECT max(version) FROM events WHERE tenant_id = @tenant AND stream_id = j.value)`,
  eventAt: 'SELECT event_id FROM events WHERE tenant_id = ? AND stream_id = ? AND version = ?',
} as const;

const PAGE_END = pageEndSql({ dialect: 'sqlite', tenant: '@tenant', after: '@after', limit: '@limit', maxBytes: '@maxBytes' });

/**
 * A pull's page as one row: its events' JSON written by SQLite, joined by commas in log order,
 * handed over as one blob of UTF-8 bytes (never decoded here), with their count and the last
 * position: the same bytes pulledEvents (pulled-event.ts) writes from PostgreSQL's rows. Read as
 * rows, a page of 1,000 events of the year took 10.5–11.5 ms (two blobs a row, each a Buffer of
 * its own), as one blob 4.0–4.5 ms, against 5.6–6.1 ms for a plain SELECT * of the same rows
 * (probe, 13:21 UTC 12-02). group_concat's ORDER BY is what fixes the order (without it SQLite
 * promises none). (PostgreSQL writing its page's JSON the same way was slower than its rows:
 * 11–12 against 8–9 ms a page, to_json and to_char on every row.)
 *
 * The page ends at PAGE_END's position (log/page-end.ts): within @limit events and @maxBytes of data and meta
 * (SQLite refuses to make a string over 1 GB; a page that large would fail for good).
 */
export const PAGE_SQL = `SELECT CAST(group_concat(event, ',' ORDER BY position) AS BLOB) AS json, count(*) AS count, max(position) AS last
                         FROM (
                           SELECT server_position AS position,
                                  '{"eventId":' || json_quote(event_id) || ',"tenantId":' || json_quote(tenant_id) ||
                                  ',"streamType":' || json_quote(stream_type) || ',"streamId":' || json_quote(stream_id) ||
                                  ',"version":' || version || ',"type":' || json_quote(type) || ',"schemaVersion":' || schema_version ||
                                  ',"data":' || data || ',"meta":' || meta ||
                                  ',"serverPosition":' || server_position || ',"receivedAt":' || json_quote(received_at) || '}' AS event
                           FROM events WHERE tenant_id = @tenant AND server_position > @after AND server_position <= (${PAGE_END})
                           ORDER BY server_position LIMIT @limit
                         )`;

/** PAGE_SQL's one row. */
interface PageRow {
  readonly json: Buffer | null;
  readonly count: number;
  readonly last: number | null;
}

const pulledOf = (row: PageRow | undefined): PulledEvents =>
  row?.json && row.last !== null ? { json: row.json, count: row.count, lastPosition: row.last } : NO_EVENTS;

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
    recorded: writer.prepare(PUSH_LOOKUP_SQL.recorded),
    streamHeads: writer.prepare(PUSH_LOOKUP_SQL.streamHeads),
    eventAt: writer.prepare(PUSH_LOOKUP_SQL.eventAt).pluck(),
    insert: writer.prepare(
      `INSERT INTO events (tenant_id, server_position, event_id, stream_id, stream_type, version, type, schema_version, data, meta, received_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    setHead: writer.prepare('UPDATE tenants SET head = ? WHERE tenant_id = ?'),
    readHead: reader.prepare('SELECT head FROM tenants WHERE tenant_id = ?').pluck(),
    page: reader.prepare(PAGE_SQL),
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
    const { eventIds, streamIds } = lookupsFor(batch.events);
    if (eventIds.length > 0) {
      for (const row of statements.recorded.all({ tenant: batch.tenantId, ids: JSON.stringify(eventIds) }) as RecordedRow[]) {
        recorded.set(row.event_id, {
          eventId: row.event_id,
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
      for (const row of statements.streamHeads.all({ tenant: batch.tenantId, ids: JSON.stringify(streamIds) }) as { stream_id: string; stream_type: string; version: number }[]) {
        streams.set(row.stream_id, { streamType: row.stream_type, version: row.version });
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

  /**
   * Group commit: the pushes that arrive while the process is busy with others (their bodies
   * parsed in the same turn of the event loop) are written in one IMMEDIATE transaction, each in
   * a savepoint of its own, and share one commit and one fsync. A push that is refused or fails
   * rolls back its savepoint alone; its answer, like every other, is given only after the commit.
   */
  const waiting: { readonly batch: PushBatch; readonly resolve: (outcome: PushOutcome) => void; readonly reject: (error: unknown) => void }[] = [];
  const writeGroup = (): void => {
    const group = waiting.splice(0);
    let settled: ({ outcome: PushOutcome } | { error: unknown })[];
    try {
      settled = writer
        .transaction(() =>
          group.map(({ batch }) => {
            try {
              return { outcome: pushTransaction(batch) };
            } catch (error) {
              return error instanceof Abandon ? { outcome: error.outcome } : { error };
            }
          }),
        )
        .immediate();
    } catch (error) {
      for (const { reject } of group) reject(error);
      return;
    }
    group.forEach(({ batch, resolve, reject }, index) => {
      const result = settled[index] as { outcome: PushOutcome } | { error: unknown };
      if ('error' in result) return reject(result.error);
      // after the commit: a woken reader must find the events
      if (result.outcome.kind === 'done' && result.outcome.results.some((entry) => entry.status === 'accepted')) signal.announce(batch.tenantId);
      resolve(result.outcome);
    });
  };

  return {
    push: (batch) =>
      new Promise<PushOutcome>((resolve, reject) => {
        waiting.push({ batch, resolve, reject });
        if (waiting.length === 1) setImmediate(writeGroup);
      }),
    readEvents: (tenantId, afterPosition, limit, maxBytes) =>
      asPromise(() => {
        const events = pulledOf(statements.page.get({ tenant: tenantId, after: afterPosition, limit, maxBytes }) as PageRow | undefined);
        const head = (statements.readHead.get(tenantId) as number | undefined) ?? 0;
        return { events, head };
      }),
    watchHead: signal.watch,
  };
};
