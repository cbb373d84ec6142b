import type { PostgresMigration } from './migration.js';

/** The same tables as the SQLite file (src-server/store/sqlite/migrations/001), in PostgreSQL types. */
export const migration001: PostgresMigration = {
  version: 1,
  name: 'tenancy-and-log',
  sql: `
    -- head: the newest server_position of the tenant (0 before its first event). A push locks this
    -- row FOR UPDATE before anything else, so pushes of one tenant commit in position order.
    CREATE TABLE tenants (
      tenant_id  text PRIMARY KEY,
      name       text NOT NULL,
      head       bigint NOT NULL DEFAULT 0 CHECK (head >= 0),
      created_at timestamptz NOT NULL
    );

    -- token_hash: SHA-256 of the bearer token, which is shown once and never stored.
    -- installation_id: the desk installation bound at the first push; a rotated token keeps it.
    CREATE TABLE devices (
      device_id       text PRIMARY KEY,
      tenant_id       text NOT NULL REFERENCES tenants (tenant_id),
      name            text NOT NULL,
      scope           text NOT NULL CHECK (scope IN ('desk', 'kiosk')),
      token_hash      text NOT NULL UNIQUE,
      installation_id text,
      created_at      timestamptz NOT NULL,
      token_issued_at timestamptz NOT NULL,
      revoked_at      timestamptz,
      last_seen_at    timestamptz,
      app_version     text
    );
    CREATE INDEX devices_tenant ON devices (tenant_id);

    -- data and meta are text, not jsonb: the JSON the desk sent is kept byte for byte (jsonb would
    -- reorder keys and refuses the \\u0000 escape that a note may contain).
    CREATE TABLE events (
      tenant_id       text NOT NULL,
      server_position bigint NOT NULL CHECK (server_position >= 1),
      event_id        text NOT NULL,
      stream_id       text NOT NULL,
      stream_type     text NOT NULL,
      version         bigint NOT NULL CHECK (version >= 1),
      type            text NOT NULL,
      schema_version  integer NOT NULL,
      data            text NOT NULL,
      meta            text NOT NULL,
      received_at     timestamptz NOT NULL,
      PRIMARY KEY (tenant_id, server_position),
      -- event ids are unique per tenant, not globally: two clinics may hold the same id
      UNIQUE (tenant_id, event_id),
      UNIQUE (tenant_id, stream_id, version)
    );
  `,
};
