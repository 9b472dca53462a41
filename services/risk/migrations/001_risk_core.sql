-- Plant maps, areas (PostGIS polygons in image pixels), risk points and their LEC assessments.
-- Every row carries its enterprise; row-level security is the last line of defence behind the service:
-- tenant requests run as the role safeloop_app (policy applies); system jobs (projection rebuild) run as
-- the owner, which the policy does not restrict.

CREATE TABLE settings (
  enterprise_id    uuid PRIMARY KEY,
  lec_band_variant smallint NOT NULL DEFAULT 1 CHECK (lec_band_variant IN (1, 2)),
  updated_at       timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE plant_map (
  id            uuid PRIMARY KEY,
  enterprise_id uuid NOT NULL,
  park_id       uuid,
  name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  image_url     text NOT NULL,
  width         integer NOT NULL CHECK (width BETWEEN 1 AND 20000),
  height        integer NOT NULL CHECK (height BETWEEN 1 AND 20000),
  created_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (enterprise_id, name)
);

CREATE TABLE area (
  id             uuid PRIMARY KEY,
  enterprise_id  uuid NOT NULL,
  map_id         uuid NOT NULL REFERENCES plant_map (id),
  name           text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  geom           geometry(Polygon, 0) NOT NULL,
  inherent_level smallint NOT NULL DEFAULT 0 CHECK (inherent_level BETWEEN 0 AND 4),
  level_version  bigint NOT NULL DEFAULT 0,
  created_at     timestamptz NOT NULL DEFAULT now(),
  UNIQUE (map_id, name)
);
CREATE INDEX area_by_map ON area (enterprise_id, map_id);
CREATE INDEX area_geom ON area USING gist (geom);

CREATE TABLE risk_point (
  id               uuid PRIMARY KEY,
  enterprise_id    uuid NOT NULL,
  area_id          uuid NOT NULL REFERENCES area (id),
  name             text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  description      text NOT NULL DEFAULT '',
  level            smallint NOT NULL DEFAULT 0 CHECK (level BETWEEN 0 AND 4),
  assessment_count integer NOT NULL DEFAULT 0,
  created_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (area_id, name)
);
CREATE INDEX risk_point_by_area ON risk_point (enterprise_id, area_id);

-- History is never overwritten: a re-assessment is a new row with the next version.
CREATE TABLE lec_assessment (
  id            uuid PRIMARY KEY,
  enterprise_id uuid NOT NULL,
  risk_point_id uuid NOT NULL REFERENCES risk_point (id),
  version       integer NOT NULL,
  l             numeric(4, 1) NOT NULL,
  e             numeric(4, 1) NOT NULL,
  c             numeric(5, 1) NOT NULL,
  d             numeric(10, 2) NOT NULL,
  level         smallint NOT NULL CHECK (level BETWEEN 1 AND 4),
  band_variant  smallint NOT NULL CHECK (band_variant IN (1, 2)),
  assessed_by   text NOT NULL,
  note          text NOT NULL DEFAULT '',
  assessed_at   timestamptz NOT NULL,
  UNIQUE (risk_point_id, version)
);

-- The enterprise's live-map version: bumped on every area level change.
CREATE TABLE map_version (
  enterprise_id uuid PRIMARY KEY,
  version       bigint NOT NULL DEFAULT 0
);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['settings', 'plant_map', 'area', 'risk_point', 'lec_assessment', 'map_version'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY tenant_isolation ON %I
                      USING (enterprise_id = current_setting('safeloop.enterprise_id', true)::uuid)
                      WITH CHECK (enterprise_id = current_setting('safeloop.enterprise_id', true)::uuid)$p$, t);
  END LOOP;
END $$;
