-- The dynamic four-colour map: an area's shown level is its inherent level (the highest of its risk points)
-- raised while dynamic factors hold there (frequent alarms, special work in progress, overdue inspection
-- tasks, overdue hazards). Factors arrive as events on safeloop.risk.area-factor.v1 from the alarm, permit
-- and hazard services; one row per (area, kind, source) keeps the latest state the source reported.

ALTER TABLE area ADD COLUMN dynamic_level smallint NOT NULL DEFAULT 0 CHECK (dynamic_level BETWEEN 0 AND 4);
UPDATE area SET dynamic_level = inherent_level;

CREATE TABLE area_factor (
  enterprise_id  uuid NOT NULL,
  area_id        uuid NOT NULL REFERENCES area (id),
  kind           smallint NOT NULL CHECK (kind BETWEEN 1 AND 4),
  source_id      text NOT NULL CHECK (length(source_id) BETWEEN 1 AND 200),
  active         boolean NOT NULL,
  detail         text NOT NULL DEFAULT '',
  source_version bigint NOT NULL,  -- the producer's order: an older report never overwrites a newer one
  producer       text NOT NULL,
  changed_at     timestamptz NOT NULL,
  PRIMARY KEY (area_id, kind, source_id)
);
CREATE INDEX area_factor_active ON area_factor (enterprise_id, area_id) WHERE active;

ALTER TABLE area_factor ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON area_factor
  USING (enterprise_id = current_setting('safeloop.enterprise_id', true)::uuid)
  WITH CHECK (enterprise_id = current_setting('safeloop.enterprise_id', true)::uuid);
