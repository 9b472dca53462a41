-- Major hazard installations (GB 18218-2018) of an analysis object: the inputs (unit kind, exposed
-- population, substances as the serialized request) and the computed identification and grade, which the
-- point assessments of the object's units read (a 一级/二级 installation forces 重大).

CREATE TABLE major_hazard_installation (
  id                 uuid PRIMARY KEY,
  enterprise_id      uuid NOT NULL,
  object_id          uuid NOT NULL REFERENCES risk_object (id),
  name               text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  unit_kind          text NOT NULL CHECK (unit_kind IN ('production', 'storage')),
  exposed_population bigint NOT NULL CHECK (exposed_population >= 0),
  s                  double precision NOT NULL,
  identified         boolean NOT NULL,
  r                  double precision NOT NULL,
  grade              smallint NOT NULL CHECK (grade BETWEEN 0 AND 4),
  record             bytea NOT NULL,  -- safeloop.risk.v1.MajorHazardInstallation as last computed
  deleted            boolean NOT NULL DEFAULT false,
  version            integer NOT NULL DEFAULT 1,
  updated_at         timestamptz NOT NULL DEFAULT now(),
  updated_by         text NOT NULL
);
CREATE UNIQUE INDEX major_hazard_live_name ON major_hazard_installation (enterprise_id, name) WHERE NOT deleted;
CREATE INDEX major_hazard_by_object ON major_hazard_installation (enterprise_id, object_id) WHERE NOT deleted;

ALTER TABLE major_hazard_installation ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON major_hazard_installation
  USING (enterprise_id = current_setting('safeloop.enterprise_id', true)::uuid)
  WITH CHECK (enterprise_id = current_setting('safeloop.enterprise_id', true)::uuid);
