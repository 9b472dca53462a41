-- The REST edge's own data: the IP blocklist (durable here, mirrored to Redis for the per-request check)
-- and the audit log of every write through the API.

-- Edge-wide: a blocked address is refused before anyone is authenticated, so there is no tenant to scope
-- an entry to. created_by_enterprise records whose administrator added it. One entry per network.
CREATE TABLE ip_blocklist (
  id                    uuid PRIMARY KEY,
  network               cidr NOT NULL UNIQUE,
  reason                text NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
  created_by            text NOT NULL,
  created_by_enterprise uuid,
  created_at            timestamptz NOT NULL DEFAULT now(),
  expires_at            timestamptz,
  CHECK (expires_at IS NULL OR expires_at > created_at)
);

-- Bumped in the same transaction as every blocklist change; the Redis mirror carries the version it was
-- built from, so a rebuild from an older read never overwrites a newer one.
CREATE TABLE blocklist_state (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  version   bigint NOT NULL DEFAULT 0
);
INSERT INTO blocklist_state DEFAULT VALUES;

-- Who did what through the API: every POST/PUT/PATCH/DELETE on /api, refused ones included. Written in
-- batches by the gateway as the owner (COPY); tenants read their own rows under row-level security.
-- enterprise_id is NULL for requests without a valid token (e.g. failed logins): only operators see those.
CREATE TABLE audit_log (
  id             bigserial PRIMARY KEY,
  occurred_at    timestamptz NOT NULL,
  enterprise_id  uuid,
  park_id        uuid,
  account        text NOT NULL DEFAULT '',
  roles          jsonb NOT NULL DEFAULT '[]',
  username       text,
  operation_id   text NOT NULL DEFAULT '',
  method         text NOT NULL,
  path           text NOT NULL,
  path_params    jsonb NOT NULL DEFAULT '{}',
  http_status    smallint NOT NULL,
  code           text NOT NULL,
  client_address inet,
  user_agent     text NOT NULL DEFAULT '',
  request_id     text NOT NULL,
  elapsed_ms     double precision NOT NULL
);
CREATE INDEX audit_log_by_time ON audit_log (enterprise_id, occurred_at DESC, id DESC);
CREATE INDEX audit_log_by_account ON audit_log (enterprise_id, account, occurred_at DESC);

ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON audit_log
  USING (enterprise_id = current_setting('safeloop.enterprise_id', true)::uuid)
  WITH CHECK (enterprise_id = current_setting('safeloop.enterprise_id', true)::uuid);
-- Tenant sessions may read the log, never rewrite it.
REVOKE INSERT, UPDATE, DELETE ON audit_log FROM safeloop_app;
