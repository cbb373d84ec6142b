/**
 * The tenant event logs in PostgreSQL, gap-free under concurrency and across HQ processes.
 *
 * A push transaction locks the tenant's head row (SELECT … FOR UPDATE) before it reads anything
 * else, hands out head+1, head+2, … and writes the new head. A second push of the same tenant
 * waits on that row lock until the first has committed, so positions are assigned in commit order
 * and a commit becomes visible before the next one of the tenant can even start. A reader's
 * statement snapshot therefore holds a gap-free prefix of the tenant's positions: it never sees
 * N+1 without N. (The device row is locked just before, for the installation binding; every push
 * takes the two locks in that order, so they cannot deadlock.)
 *
 * The same transaction NOTIFYs the tenant; PostgreSQL delivers it on commit to every HQ process
 * that LISTENs, which is how a long-poll on one process wakes for a push on another.
 */
import type pg from 'pg';
import { basisVersionsFor, lookupsFor, planPush, type RecordedEvent, type StreamHead } from '../../log/push-plan.js';
import { pageEndSql } from '../../log/page-end.js';
import { pulledEvents } from '../../log/pulled-event.js';
import type { EventLogStore, PushBatch, PushOutcome } from '../hq-store.js';
import type { LocalHeadSignal } from '../local-head-signal.js';
import { HEAD_CHANNEL } from './postgres-head-signal.js';

/** A stored event as a page reads it. */
interface EventRow {
  readonly server_position: string;
  readonly event_id: string;
  readonly stream_type: string;
  readonly stream_id: string;
  readonly version: string;
  readonly type: string;
  readonly schema_version: number;
  readonly data: string;
  readonly meta: string;
  /** ISO 8601, UTC, milliseconds */
  readonly received_at: string;
}

/** A row of PAGE_SQL: the head, and an event unless the page is empty. */
type PageRow = { readonly head: string } & ({ readonly [K in keyof EventRow]: EventRow[K] } | { readonly [K in keyof EventRow]: null });

/**
 * The statements of a push. Each lookup starts from unnest of the batch's ids and reaches events
 * through a LATERAL subquery with LIMIT 1 (every key is unique), which PostgreSQL cannot flatten
 * into a join: one index probe per id whatever the statistics say. On a log that had grown since
 * its last ANALYZE (one clinic is one tenant, so `tenant_id = $1` alone matches every row),
 * `event_id = ANY ($2)` became a sequential scan of the whole log, and the basis lookup written
 * as a plain join a hash join over it (57 ms for 250 streams at 7,000 events).
 * test/server/hq-query-plans.int.spec.ts checks the plans.
 */
export const PUSH_SQL = {
  // The installation binding, then the tenant's head row locked: one round trip. The head's
  // subquery depends on `bound`'s row, so it runs after the device row is locked, and only for a
  // device bound to this installation: a revoked device (no row) or another installation (a
  // refusal) never queues behind the tenant's pushes. FOR UPDATE waits for a push of the tenant
  // still on its way and then reads the head it committed.
  bindAndLock: `WITH bound AS (
                  UPDATE devices
                  SET installation_id = coalesce(installation_id, $3), last_seen_at = $4, app_version = $5
                  WHERE device_id = $1 AND tenant_id = $2 AND revoked_at IS NULL
                  RETURNING installation_id
                )
                SELECT bound.installation_id,
                       (SELECT head FROM tenants WHERE tenant_id = $2 AND bound.installation_id = $3 FOR UPDATE) AS head
                FROM bound`,
  // The three lookups of a plan in one round trip, told apart by `kind`; a statement of its own
  // after the lock, so that its snapshot holds every push committed before this one:
  //   recorded — the batch's events the tenant already holds ($2: event ids)
  //   head     — the newest version of each stream, through the (tenant, stream, version) index ($3)
  //   basis    — the event at one version of each basis stream ($4, $5)
  lookups: `SELECT 'recorded' AS kind, e.event_id, e.stream_id, e.stream_type, e.version, e.type, e.schema_version, e.data, e.meta, e.server_position
            FROM unnest($2::text[]) AS i (event_id)
            CROSS JOIN LATERAL (
              SELECT event_id, stream_id, stream_type, version, type, schema_version, data, meta, server_position FROM events
              WHERE tenant_id = $1 AND events.event_id = i.event_id
              LIMIT 1
            ) AS e
            UNION ALL
            SELECT 'head', NULL, s.stream_id, h.stream_type, h.version, NULL, NULL, NULL, NULL, NULL
            FROM unnest($3::text[]) AS s (stream_id)
            CROSS JOIN LATERAL (
              SELECT stream_type, version FROM events
              WHERE tenant_id = $1 AND events.stream_id = s.stream_id
              ORDER BY version DESC LIMIT 1
            ) AS h
            UNION ALL
            SELECT 'basis', a.event_id, b.stream_id, NULL, b.version, NULL, NULL, NULL, NULL, NULL
            FROM unnest($4::text[], $5::bigint[]) AS b (stream_id, version)
            CROSS JOIN LATERAL (
              SELECT event_id FROM events
              WHERE tenant_id = $1 AND events.stream_id = b.stream_id AND events.version = b.version
              LIMIT 1
            ) AS a`,
  // the rows, the new head and the notice in one statement (one round trip); a data-modifying
  // WITH runs to completion whether or not the outer query reads it, and the notice is delivered
  // only on commit. data and meta arrive as one binary bytea of their UTF-8 bytes, each event's
  // data at its offset and its meta right after: no text-array escaping by pg in JavaScript nor
  // parsing by array_in, where every quote of the JSON was escaped and unescaped
  insertAndSetHead: `WITH inserted AS (
                       INSERT INTO events (tenant_id, server_position, event_id, stream_id, stream_type, version, type, schema_version, data, meta, received_at)
                       SELECT $1, p, e, s, st, v, t, sv,
                              convert_from(substring($12::bytea FROM at FOR dl), 'UTF8'),
                              convert_from(substring($12::bytea FROM at + dl FOR ml), 'UTF8'),
                              $13
                       FROM unnest($2::bigint[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::text[], $8::integer[], $9::integer[], $10::integer[], $11::integer[])
                         AS batch (p, e, s, st, v, t, sv, at, dl, ml)
                     ),
                     moved AS (UPDATE tenants SET head = $14 WHERE tenant_id = $1 RETURNING tenant_id)
                     SELECT pg_notify('${HEAD_CHANNEL}', tenant_id) FROM moved`,
} as const;

/**
 * A page of the log and the tenant's head in one round trip and one snapshot: each event commits
 * with the head that covers it, so the head is >= every position the page holds. An empty page
 * is one row with the head and no event. received_at comes as the ISO text the protocol sends
 * (milliseconds, as stored), not parsed into a Date and written back. The page ends where
 * log/page-end.ts says ($3 events, $4 bytes): pg would make every row a string, and a page of
 * events pushed near the body limit would not fit in one V8 string, nor in HQ's memory.
 */
const PAGE_END = pageEndSql({ dialect: 'postgres', tenant: '$1', after: '$2', limit: '$3::bigint', maxBytes: '$4::bigint' });

export const PAGE_SQL = `SELECT t.head, e.server_position, e.event_id, e.stream_type, e.stream_id, e.version, e.type, e.schema_version, e.data, e.meta,
                                to_char(e.received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS received_at
                         FROM tenants AS t
                         LEFT JOIN LATERAL (
                           SELECT server_position, event_id, stream_type, stream_id, version, type, schema_version, data, meta, received_at
                           FROM events WHERE tenant_id = $1 AND server_position > $2 AND server_position <= (${PAGE_END}) ORDER BY server_position LIMIT $3
                         ) AS e ON true
                         WHERE t.tenant_id = $1
                         ORDER BY e.server_position`;

const SQL = { ...PUSH_SQL, page: PAGE_SQL } as const;

/** Runs `work` in a transaction; its outcome decides COMMIT or ROLLBACK. A broken client leaves the pool. */
const inTransaction = async (pool: pg.Pool, work: (client: pg.PoolClient) => Promise<PushOutcome>): Promise<PushOutcome> => {
  const client = await pool.connect();
  let broken = false;
  try {
    // the locking above relies on READ COMMITTED (each statement sees what committed before it),
    // whatever the server's default_transaction_isolation says
    await client.query('BEGIN ISOLATION LEVEL READ COMMITTED');
    const outcome = await work(client);
    await client.query(outcome.kind === 'done' ? 'COMMIT' : 'ROLLBACK');
    return outcome;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {
      broken = true;
    });
    throw error;
  } finally {
    client.release(broken);
  }
};

interface LookupRow {
  readonly kind: 'recorded' | 'head' | 'basis';
  readonly event_id: string | null;
  readonly stream_id: string;
  readonly stream_type: string | null;
  readonly version: string;
  readonly type: string | null;
  readonly schema_version: number | null;
  readonly data: string | null;
  readonly meta: string | null;
  readonly server_position: string | null;
}

const pushIn = async (client: pg.PoolClient, batch: PushBatch): Promise<PushOutcome> => {
  const bound = await client.query<{ installation_id: string; head: string | null }>(SQL.bindAndLock, [
    batch.deviceId,
    batch.tenantId,
    batch.installationId,
    batch.receivedAt,
    batch.appVersion,
  ]);
  const binding = bound.rows[0];
  if (!binding) return { kind: 'device-revoked' };
  if (binding.installation_id !== batch.installationId) return { kind: 'installation-mismatch' };
  if (binding.head === null) throw new Error(`Tenant ${batch.tenantId} has no head row`);
  const head = Number(binding.head);

  const { eventIds, streamIds } = lookupsFor(batch.events);
  const basis = batch.basis ?? new Map<string, string>();
  const basisVersions = basisVersionsFor(batch.events, basis);
  const recorded = new Map<string, RecordedEvent>();
  const streams = new Map<string, StreamHead>();
  const heldAtBasis = new Map<string, string>();
  if (eventIds.length > 0 || basisVersions.length > 0) {
    const { rows } = await client.query<LookupRow>(SQL.lookups, [
      batch.tenantId,
      eventIds,
      streamIds,
      basisVersions.map((entry) => entry.streamId),
      basisVersions.map((entry) => entry.version),
    ]);
    for (const row of rows) {
      if (row.kind === 'head') {
        streams.set(row.stream_id, { streamType: row.stream_type as string, version: Number(row.version) });
      } else if (row.kind === 'basis') {
        heldAtBasis.set(row.stream_id, row.event_id as string);
      } else {
        recorded.set(row.event_id as string, {
          eventId: row.event_id as string,
          streamId: row.stream_id,
          streamType: row.stream_type as string,
          version: Number(row.version),
          type: row.type as string,
          schemaVersion: row.schema_version as number,
          data: row.data as string,
          meta: row.meta as string,
          serverPosition: Number(row.server_position),
        });
      }
    }
  }

  const plan = planPush({ events: batch.events, head, recorded, streams, basis, heldAtBasis });
  if (batch.onlyRecorded && plan.results.some((result) => result.status !== 'duplicate')) return { kind: 'not-recorded' };
  if (plan.inserts.length > 0) {
    const columns = {
      positions: [] as number[],
      eventIds: [] as string[],
      streamIds: [] as string[],
      streamTypes: [] as string[],
      versions: [] as number[],
      types: [] as string[],
      schemaVersions: [] as number[],
      /** 1-based, as substring counts */
      textAt: [] as number[],
      dataBytes: [] as number[],
      metaBytes: [] as number[],
    };
    let room = 0;
    for (const { data, meta } of plan.inserts) room += (data.length + meta.length) * 3;
    const texts = Buffer.allocUnsafe(room);
    let at = 0;
    for (const { serverPosition, envelope, data, meta } of plan.inserts) {
      columns.positions.push(serverPosition);
      columns.eventIds.push(envelope.eventId);
      columns.streamIds.push(envelope.streamId);
      columns.streamTypes.push(envelope.streamType);
      columns.versions.push(envelope.version);
      columns.types.push(envelope.type);
      columns.schemaVersions.push(envelope.schemaVersion);
      columns.textAt.push(at + 1);
      const dataBytes = texts.write(data, at, 'utf8');
      const metaBytes = texts.write(meta, at + dataBytes, 'utf8');
      columns.dataBytes.push(dataBytes);
      columns.metaBytes.push(metaBytes);
      at += dataBytes + metaBytes;
    }
    await client.query(SQL.insertAndSetHead, [
      batch.tenantId,
      columns.positions,
      columns.eventIds,
      columns.streamIds,
      columns.streamTypes,
      columns.versions,
      columns.types,
      columns.schemaVersions,
      columns.textAt,
      columns.dataBytes,
      columns.metaBytes,
      texts.subarray(0, at),
      batch.receivedAt,
      plan.head,
    ]);
  }
  return { kind: 'done', results: plan.results, head: plan.head };
};

export const createPostgresEventLog = (pool: pg.Pool, signal: LocalHeadSignal): EventLogStore => ({
  push: (batch) => inTransaction(pool, (client) => pushIn(client, batch)),
  readEvents: async (tenantId, afterPosition, limit, maxBytes) => {
    const { rows } = await pool.query<PageRow>(SQL.page, [tenantId, afterPosition, limit, maxBytes]);
    const events = rows.filter((row): row is PageRow & EventRow => row.server_position !== null);
    return {
      events: pulledEvents(
        events.map((row) => ({
          tenantId,
          serverPosition: Number(row.server_position),
          eventId: row.event_id,
          streamType: row.stream_type,
          streamId: row.stream_id,
          version: Number(row.version),
          type: row.type,
          schemaVersion: row.schema_version,
          data: row.data,
          meta: row.meta,
          receivedAt: row.received_at,
        })),
      ),
      head: Number(rows[0]?.head ?? 0),
    };
  },
  watchHead: signal.watch,
});
