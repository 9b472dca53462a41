-- Identity: accounts, login sessions with rotating refresh tokens, roles with their permission grants.
-- Row-level security as in 001: enterprise rows are seen by their enterprise, park rows (enterprise_id
-- NULL: park accounts and the park's roles) by their park. Login and refresh look rows up by username or
-- token hash before any tenant is known, so those lookups run as the schema owner (see pg_identity_store).

CREATE TABLE account (
  id                   uuid PRIMARY KEY,
  enterprise_id        uuid REFERENCES enterprise (id),   -- NULL only for park accounts
  park_id              uuid REFERENCES park (id),
  person_id            uuid UNIQUE REFERENCES person (id), -- one account per person (signatures rely on it)
  username             text NOT NULL CHECK (username ~ '^[A-Za-z0-9_.@-]{3,64}$'),
  password_hash        text NOT NULL,                      -- libsodium crypto_pwhash_str (argon2id)
  kind                 text NOT NULL CHECK (kind IN ('user', 'visitor', 'park')),
  display_name         text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 50),
  mobile               text NOT NULL DEFAULT '',
  status               text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
  expires_at           timestamptz,                        -- visitors: the account stops working then
  failed_logins        integer NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),
  locked_until         timestamptz,
  password_changed_at  timestamptz NOT NULL DEFAULT now(),
  must_change_password boolean NOT NULL DEFAULT false,     -- after an administrator reset
  last_login_at        timestamptz,
  version              integer NOT NULL DEFAULT 1,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'park') = (enterprise_id IS NULL)),
  CHECK (kind <> 'park' OR (park_id IS NOT NULL AND person_id IS NULL)),
  CHECK (kind = 'park' OR person_id IS NOT NULL),
  CHECK (kind <> 'visitor' OR expires_at IS NOT NULL)
);
-- Usernames are global (login does not name the tenant) and case-insensitive.
CREATE UNIQUE INDEX account_username ON account (lower(username));
CREATE INDEX account_by_enterprise ON account (enterprise_id, created_at);
CREATE INDEX account_visitor_expiry ON account (expires_at) WHERE kind = 'visitor';

-- One row per login. The refresh tokens of a session are in refresh_token.
CREATE TABLE login_session (
  id            uuid PRIMARY KEY,                 -- the sid claim
  account_id    uuid NOT NULL REFERENCES account (id),
  enterprise_id uuid,
  park_id       uuid,
  created_at    timestamptz NOT NULL DEFAULT now(),
  last_used_at  timestamptz NOT NULL DEFAULT now(),
  expires_at    timestamptz NOT NULL,             -- of the newest refresh token
  revoked_at    timestamptz,
  revoke_reason text CHECK (revoke_reason IN ('logout', 'password_changed', 'password_reset', 'reuse_detected',
                                              'disabled', 'expired')),
  client_ip     text NOT NULL DEFAULT '',
  user_agent    text NOT NULL DEFAULT ''
);
CREATE INDEX login_session_by_account ON login_session (account_id) WHERE revoked_at IS NULL;

-- Every refresh token ever issued, by its SHA-256 (the token itself is never stored). A token is used up
-- when it is rotated; presenting a used-up token again is theft and revokes the session.
CREATE TABLE refresh_token (
  token_hash    char(64) PRIMARY KEY,             -- lowercase hex SHA-256
  session_id    uuid NOT NULL REFERENCES login_session (id),
  enterprise_id uuid,
  park_id       uuid,
  issued_at     timestamptz NOT NULL DEFAULT now(),
  rotated_at    timestamptz,
  rotated_to    char(64)                          -- hash of the token that replaced it
);
CREATE INDEX refresh_token_by_session ON refresh_token (session_id);

CREATE TABLE role (
  id            uuid PRIMARY KEY,
  enterprise_id uuid REFERENCES enterprise (id),  -- NULL for the roles of a park (park accounts)
  park_id       uuid REFERENCES park (id),
  code          text NOT NULL CHECK (code ~ '^[a-z0-9_]{2,40}$'),
  name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
  description   text NOT NULL DEFAULT '',
  data_scope    text NOT NULL CHECK (data_scope IN ('own', 'unit', 'subtree', 'enterprise', 'park')),
  builtin       boolean NOT NULL DEFAULT false,   -- seeded from auth::DefaultRoles(); never deleted
  version       integer NOT NULL DEFAULT 1,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  CHECK (enterprise_id IS NOT NULL OR park_id IS NOT NULL)
);
CREATE UNIQUE INDEX role_code_per_enterprise ON role (enterprise_id, code) WHERE enterprise_id IS NOT NULL;
CREATE UNIQUE INDEX role_code_per_park ON role (park_id, code) WHERE enterprise_id IS NULL;

CREATE TABLE role_grant (
  role_id       uuid NOT NULL REFERENCES role (id) ON DELETE CASCADE,
  enterprise_id uuid,
  park_id       uuid,
  code          text NOT NULL CHECK (length(code) BETWEEN 1 AND 100),  -- glob over permission codes
  PRIMARY KEY (role_id, code)
);

CREATE TABLE account_role (
  account_id    uuid NOT NULL REFERENCES account (id) ON DELETE CASCADE,
  role_id       uuid NOT NULL REFERENCES role (id),
  enterprise_id uuid,
  park_id       uuid,
  PRIMARY KEY (account_id, role_id)
);
CREATE INDEX account_role_by_role ON account_role (role_id);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['account', 'login_session', 'refresh_token', 'role', 'role_grant', 'account_role'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY tenant_isolation ON %I
                      USING (enterprise_id = current_enterprise())
                      WITH CHECK (enterprise_id = current_enterprise())$p$, t);
    EXECUTE format($p$CREATE POLICY park_rows ON %I
                      USING (enterprise_id IS NULL AND park_id = current_park())
                      WITH CHECK (enterprise_id IS NULL AND park_id = current_park())$p$, t);
  END LOOP;
END $$;
