-- The risk model chain of the government exchange: analysis object → unit (three levels) → risk point →
-- risk event → control measure (proto/safeloop/risk/v1/risk_model.proto explains each). Nothing is deleted:
-- `deleted` keeps the row for history and for the exchange (0 正常 / 1 已删除). Every mutable row carries a
-- version for optimistic concurrency and the audit columns of the exchange.
-- The directory tables are a projection of the personnel service's events (org units and people), so the
-- risk service can check and name departments, posts and liable persons without calling personnel.

CREATE TABLE directory_unit (
  id            uuid PRIMARY KEY,
  enterprise_id uuid NOT NULL,
  parent_id     uuid,
  kind          text NOT NULL,
  name          text NOT NULL,
  active        boolean NOT NULL,
  version       integer NOT NULL  -- personnel's version: an older event never overwrites a newer one
);
CREATE INDEX directory_unit_by_enterprise ON directory_unit (enterprise_id);

CREATE TABLE directory_person (
  id            uuid PRIMARY KEY,
  enterprise_id uuid NOT NULL,
  name          text NOT NULL,
  unit_id       uuid,
  post_id       uuid,
  active        boolean NOT NULL,
  version       integer NOT NULL
);
CREATE INDEX directory_person_by_enterprise ON directory_person (enterprise_id);

CREATE TABLE risk_object (
  id               uuid PRIMARY KEY,
  enterprise_id    uuid NOT NULL,
  park_id          uuid,
  name             text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  hazard_code      text NOT NULL DEFAULT '' CHECK (length(hazard_code) <= 40),
  department_id    uuid,
  liable_person_id uuid,
  description      text NOT NULL DEFAULT '',
  level            smallint NOT NULL DEFAULT 0 CHECK (level BETWEEN 0 AND 4),
  deleted          boolean NOT NULL DEFAULT false,
  version          integer NOT NULL DEFAULT 1,
  created_at       timestamptz NOT NULL DEFAULT now(),
  created_by       text NOT NULL,
  updated_at       timestamptz NOT NULL DEFAULT now(),
  updated_by       text NOT NULL
);
CREATE UNIQUE INDEX risk_object_live_name ON risk_object (enterprise_id, name) WHERE NOT deleted;

CREATE TABLE risk_unit (
  id               uuid PRIMARY KEY,
  enterprise_id    uuid NOT NULL,
  object_id        uuid NOT NULL REFERENCES risk_object (id),
  parent_id        uuid REFERENCES risk_unit (id),
  depth            smallint NOT NULL CHECK (depth BETWEEN 1 AND 3),
  seq              integer NOT NULL CHECK (seq >= 1),
  name             text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  department_id    uuid,
  liable_person_id uuid,
  level            smallint NOT NULL DEFAULT 0 CHECK (level BETWEEN 0 AND 4),
  deleted          boolean NOT NULL DEFAULT false,
  version          integer NOT NULL DEFAULT 1,
  created_at       timestamptz NOT NULL DEFAULT now(),
  created_by       text NOT NULL,
  updated_at       timestamptz NOT NULL DEFAULT now(),
  updated_by       text NOT NULL,
  CHECK ((depth = 1) = (parent_id IS NULL))
);
-- Sibling names: one index for 一级单元 (no parent) and one for sub-units.
CREATE UNIQUE INDEX risk_unit_live_top_name ON risk_unit (object_id, name) WHERE NOT deleted AND parent_id IS NULL;
CREATE UNIQUE INDEX risk_unit_live_sub_name ON risk_unit (parent_id, name) WHERE NOT deleted AND parent_id IS NOT NULL;
CREATE INDEX risk_unit_by_object ON risk_unit (enterprise_id, object_id);

-- The point's profile: where it sits in the partition, whose it is, what accidents it can cause.
ALTER TABLE risk_point
  ADD COLUMN unit_id               uuid REFERENCES risk_unit (id),
  ADD COLUMN kind                  text NOT NULL DEFAULT 'equipment' CHECK (kind IN ('equipment', 'operation')),
  ADD COLUMN code                  text NOT NULL DEFAULT '' CHECK (length(code) <= 40),
  ADD COLUMN location              text NOT NULL DEFAULT '',
  ADD COLUMN position              geometry(Point, 0),
  ADD COLUMN department_id         uuid,
  ADD COLUMN liable_person_id      uuid,
  ADD COLUMN post_id               uuid,
  ADD COLUMN accident_types        text[] NOT NULL DEFAULT '{}',
  ADD COLUMN accident_type_version text NOT NULL DEFAULT '',
  ADD COLUMN profile_version       integer NOT NULL DEFAULT 0,
  ADD COLUMN profile_updated_at    timestamptz,
  ADD COLUMN profile_updated_by    text NOT NULL DEFAULT '';
CREATE UNIQUE INDEX risk_point_code ON risk_point (enterprise_id, code) WHERE code <> '';
CREATE INDEX risk_point_by_unit ON risk_point (enterprise_id, unit_id);
CREATE INDEX risk_point_by_liable ON risk_point (enterprise_id, liable_person_id);

CREATE TABLE risk_event (
  id             uuid PRIMARY KEY,
  enterprise_id  uuid NOT NULL,
  risk_point_id  uuid NOT NULL REFERENCES risk_point (id),
  unit_id        uuid REFERENCES risk_unit (id),
  seq            integer NOT NULL CHECK (seq >= 1),
  name           text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  step           text NOT NULL DEFAULT '',
  standard       text NOT NULL DEFAULT '',
  hazard         text NOT NULL DEFAULT '',
  consequence    text NOT NULL DEFAULT '',
  accident_types text[] NOT NULL DEFAULT '{}',
  deleted        boolean NOT NULL DEFAULT false,
  version        integer NOT NULL DEFAULT 1,
  created_at     timestamptz NOT NULL DEFAULT now(),
  created_by     text NOT NULL,
  updated_at     timestamptz NOT NULL DEFAULT now(),
  updated_by     text NOT NULL
);
CREATE INDEX risk_event_by_point ON risk_event (enterprise_id, risk_point_id, seq);

CREATE TABLE control_measure (
  id             uuid PRIMARY KEY,
  enterprise_id  uuid NOT NULL,
  risk_event_id  uuid NOT NULL REFERENCES risk_event (id),
  ordinal        integer NOT NULL,  -- order within the event as the user wrote them
  measure_class  smallint NOT NULL CHECK (measure_class BETWEEN 1 AND 5),
  classify1      smallint NOT NULL CHECK (classify1 BETWEEN 1 AND 4),
  classify2      text NOT NULL,
  classify3      text NOT NULL DEFAULT '',
  mode           smallint NOT NULL CHECK (mode IN (1, 2)),
  description    text NOT NULL CHECK (length(description) BETWEEN 1 AND 500),
  check_content  text NOT NULL DEFAULT '',
  proposed       boolean NOT NULL DEFAULT false,
  deleted        boolean NOT NULL DEFAULT false,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX control_measure_by_event ON control_measure (enterprise_id, risk_event_id, ordinal);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['directory_unit', 'directory_person', 'risk_object', 'risk_unit', 'risk_event',
                           'control_measure'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY tenant_isolation ON %I
                      USING (enterprise_id = current_setting('safeloop.enterprise_id', true)::uuid)
                      WITH CHECK (enterprise_id = current_setting('safeloop.enterprise_id', true)::uuid)$p$, t);
  END LOOP;
END $$;
