import type { Migration } from '../../../../src-node/sqlite/migration.js';

/** Tenants with their head position, devices with their token hash, and the event log. */
export const migration001: Migration = {
  version: 1,
  name: 'tenancy-and-log',
  up: (db) => {
    db.exec(`
      -- head: the newest serverPosition of the tenant (0 before its first event). A push locks the
      -- database, reads head and hands out head+1, head+2, … so positions have no gaps.
      CREATE TABLE tenants (
        tenant_id  TEXT PRIMARY KEY,
        name       TEXT NOT NULL,
        head       INTEGER NOT NULL DEFAULT 0 CHECK (head >= 0),
        created_at TEXT NOT NULL
      ) STRICT;

      -- token_hash: SHA-256 of the bearer token, which is shown once and never stored.
      -- installation_id: the desk installation bound at the first push; a rotated token keeps it.
      CREATE TABLE devices (
        device_id       TEXT PRIMARY KEY,
        tenant_id       TEXT NOT NULL REFERENCES tenants (tenant_id),
        name            TEXT NOT NULL,
        scope           TEXT NOT NULL CHECK (scope IN ('desk', 'kiosk')),
        token_hash      TEXT NOT NULL UNIQUE,
        installation_id TEXT,
        created_at      TEXT NOT NULL,
        token_issued_at TEXT NOT NULL,
        revoked_at      TEXT,
        last_seen_at    TEXT,
        app_version     TEXT
      ) STRICT;
      CREATE INDEX devices_tenant ON devices (tenant_id);

      -- Clustered by (tenant, position): a pull is one range scan. data and meta are the JSON
      -- the desk sent, in the event's own schemaVersion; received_at is HQ's clock at the push.
      CREATE TABLE events (
        tenant_id       TEXT NOT NULL,
        server_position INTEGER NOT NULL CHECK (server_position >= 1),
        event_id        TEXT NOT NULL,
        stream_id       TEXT NOT NULL,
        stream_type     TEXT NOT NULL,
        version         INTEGER NOT NULL CHECK (version >= 1),
        type            TEXT NOT NULL,
        schema_version  INTEGER NOT NULL,
        data            TEXT NOT NULL,
        meta            TEXT NOT NULL,
        received_at     TEXT NOT NULL,
        PRIMARY KEY (tenant_id, server_position)
      ) STRICT, WITHOUT ROWID;
      -- event ids are unique per tenant, not globally: two clinics may hold the same id
      CREATE UNIQUE INDEX events_event_id ON events (tenant_id, event_id);
      CREATE UNIQUE INDEX events_stream_version ON events (tenant_id, stream_id, version);
    `);
  },
};
