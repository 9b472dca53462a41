-- Versioned full assessments of risk points (JHA / SCL rows scored with LEC or LS). The whole assessment —
-- inputs, scores, judgement, tiers, signatures and the events with their measures as assessed — is kept as
-- the serialized safeloop.risk.v1.PointAssessment; the columns beside it are what lists and ledgers filter on.

CREATE TABLE point_assessment (
  id             uuid PRIMARY KEY,
  enterprise_id  uuid NOT NULL,
  risk_point_id  uuid NOT NULL REFERENCES risk_point (id),
  version        integer NOT NULL CHECK (version >= 1),
  record_kind    text NOT NULL CHECK (record_kind IN ('JHA', 'SCL')),
  method         text NOT NULL CHECK (method IN ('LEC', 'LS')),
  level          smallint NOT NULL CHECK (level BETWEEN 1 AND 4),
  inherent_level smallint NOT NULL CHECK (inherent_level BETWEEN 0 AND 4),
  tier           smallint NOT NULL CHECK (tier BETWEEN 1 AND 5),
  assessed_by    text NOT NULL,
  assessed_at    timestamptz NOT NULL,
  record         bytea NOT NULL,
  UNIQUE (risk_point_id, version)
);
CREATE INDEX point_assessment_by_point ON point_assessment (enterprise_id, risk_point_id, version DESC);

-- The point's graded-control tier from its latest full assessment (0 until assessed that way).
ALTER TABLE risk_point ADD COLUMN control_tier smallint NOT NULL DEFAULT 0 CHECK (control_tier BETWEEN 0 AND 5);

ALTER TABLE point_assessment ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON point_assessment
  USING (enterprise_id = current_setting('safeloop.enterprise_id', true)::uuid)
  WITH CHECK (enterprise_id = current_setting('safeloop.enterprise_id', true)::uuid);
