-- Qualifications: certificate types and certificates (with 复审 history and reminder bookkeeping), contractor
-- companies with their qualification documents, reviews, teams and staff, violation records with photos,
-- and blacklists. Every table carries enterprise_id under the same row-level security as 001; the only
-- exception is certificate_type, whose built-in rows (enterprise_id NULL) every tenant reads.

-- Certificate types as data. Built-in rows mirror personnel_domain::CertificateCatalog() (a test compares
-- them); enterprise_id is for types an enterprise may add later.
CREATE TABLE certificate_type (
  code                  text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_.]{1,63}$'),
  enterprise_id         uuid REFERENCES enterprise (id),
  name_zh               text NOT NULL CHECK (length(name_zh) BETWEEN 1 AND 100),
  kind                  text NOT NULL CHECK (kind IN ('special_operation', 'safety_training', 'special_equipment',
                                                      'special_training')),
  parent_code           text REFERENCES certificate_type (code),
  validity_years        integer NOT NULL CHECK (validity_years BETWEEN 0 AND 20),
  review_interval_years integer NOT NULL CHECK (review_interval_years BETWEEN 0 AND 20),
  sort_order            integer NOT NULL DEFAULT 0
);

INSERT INTO certificate_type (code, name_zh, kind, parent_code, validity_years, review_interval_years, sort_order)
VALUES
  ('special_op.electrician', '电工作业', 'special_operation', NULL, 6, 3, 10),
  ('special_op.welding', '焊接与热切割作业', 'special_operation', NULL, 6, 3, 20),
  ('special_op.work_at_height', '高处作业', 'special_operation', NULL, 6, 3, 30),
  ('special_op.refrigeration', '制冷与空调作业', 'special_operation', NULL, 6, 3, 40),
  ('special_op.coal_mine', '煤矿安全作业', 'special_operation', NULL, 6, 3, 50),
  ('special_op.metal_nonmetal_mine', '金属非金属矿山安全作业', 'special_operation', NULL, 6, 3, 60),
  ('special_op.oil_gas', '石油天然气安全作业', 'special_operation', NULL, 6, 3, 70),
  ('special_op.metallurgy', '冶金（有色）生产安全作业', 'special_operation', NULL, 6, 3, 80),
  ('special_op.hazchem', '危险化学品安全作业', 'special_operation', NULL, 6, 3, 90),
  ('special_op.hazchem.phosgenation', '光气及光气化工艺作业', 'special_operation', 'special_op.hazchem', 6, 3, 100),
  ('special_op.hazchem.chlor_alkali', '氯碱电解工艺作业', 'special_operation', 'special_op.hazchem', 6, 3, 110),
  ('special_op.hazchem.chlorination', '氯化工艺作业', 'special_operation', 'special_op.hazchem', 6, 3, 120),
  ('special_op.hazchem.nitration', '硝化工艺作业', 'special_operation', 'special_op.hazchem', 6, 3, 130),
  ('special_op.hazchem.ammonia_synthesis', '合成氨工艺作业', 'special_operation', 'special_op.hazchem', 6, 3, 140),
  ('special_op.hazchem.cracking', '裂解（裂化）工艺作业', 'special_operation', 'special_op.hazchem', 6, 3, 150),
  ('special_op.hazchem.fluorination', '氟化工艺作业', 'special_operation', 'special_op.hazchem', 6, 3, 160),
  ('special_op.hazchem.hydrogenation', '加氢工艺作业', 'special_operation', 'special_op.hazchem', 6, 3, 170),
  ('special_op.hazchem.diazotization', '重氮化工艺作业', 'special_operation', 'special_op.hazchem', 6, 3, 180),
  ('special_op.hazchem.oxidation', '氧化工艺作业', 'special_operation', 'special_op.hazchem', 6, 3, 190),
  ('special_op.hazchem.peroxidation', '过氧化工艺作业', 'special_operation', 'special_op.hazchem', 6, 3, 200),
  ('special_op.hazchem.amination', '胺基化工艺作业', 'special_operation', 'special_op.hazchem', 6, 3, 210),
  ('special_op.hazchem.sulfonation', '磺化工艺作业', 'special_operation', 'special_op.hazchem', 6, 3, 220),
  ('special_op.hazchem.polymerization', '聚合工艺作业', 'special_operation', 'special_op.hazchem', 6, 3, 230),
  ('special_op.hazchem.alkylation', '烷基化工艺作业', 'special_operation', 'special_op.hazchem', 6, 3, 240),
  ('special_op.hazchem.instrumentation', '化工自动化控制仪表作业', 'special_operation', 'special_op.hazchem', 6, 3, 250),
  ('special_op.fireworks', '烟花爆竹安全作业', 'special_operation', NULL, 6, 3, 260),
  ('special_op.other', '其他特种作业', 'special_operation', NULL, 6, 3, 270),
  ('safety_training.principal', '主要负责人安全生产知识和管理能力考核合格证', 'safety_training', NULL, 3, 0, 280),
  ('safety_training.safety_manager', '安全生产管理人员安全生产知识和管理能力考核合格证', 'safety_training', NULL, 3, 0, 290),
  ('special_equipment.crane', '起重机械作业', 'special_equipment', NULL, 0, 4, 300),
  ('special_equipment.crane_signal', '起重机械指挥', 'special_equipment', NULL, 0, 4, 310),
  ('special_equipment.boiler', '锅炉作业', 'special_equipment', NULL, 0, 4, 320),
  ('special_equipment.pressure_vessel', '压力容器作业', 'special_equipment', NULL, 0, 4, 330),
  ('special_equipment.vehicle', '场（厂）内专用机动车辆作业', 'special_equipment', NULL, 0, 4, 340),
  ('special_training.guardian', '特殊作业监护人专项培训', 'special_training', NULL, 0, 0, 350);

CREATE TABLE certificate (
  id                uuid PRIMARY KEY,
  enterprise_id     uuid NOT NULL REFERENCES enterprise (id),
  person_id         uuid NOT NULL REFERENCES person (id),
  type_code         text NOT NULL REFERENCES certificate_type (code),
  number            text NOT NULL CHECK (length(number) BETWEEN 1 AND 64),   -- 证书编号
  issuing_authority text NOT NULL DEFAULT '',                                -- 发证机关
  issued_on         date NOT NULL,
  expires_on        date,                                                    -- NULL = no fixed expiry
  last_review_on    date,                                                    -- last passed 复审
  review_extended   boolean NOT NULL DEFAULT false,   -- ≥10 clean years: review every 6 years (30 号令)
  review_failed     boolean NOT NULL DEFAULT false,   -- the latest 复审 failed: unqualified until a pass
  revoked_at        timestamptz,
  revoke_reason     text NOT NULL DEFAULT '',
  version           integer NOT NULL DEFAULT 1,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  UNIQUE (enterprise_id, type_code, number)
);
CREATE INDEX certificate_by_person ON certificate (enterprise_id, person_id);
CREATE INDEX certificate_by_expiry ON certificate (expires_on) WHERE revoked_at IS NULL;

CREATE TABLE certificate_review (
  id             uuid PRIMARY KEY,
  enterprise_id  uuid NOT NULL REFERENCES enterprise (id),
  certificate_id uuid NOT NULL REFERENCES certificate (id),
  reviewed_on    date NOT NULL,
  result         text NOT NULL CHECK (result IN ('pass', 'fail')),
  note           text NOT NULL DEFAULT '',
  recorded_by    text NOT NULL,
  recorded_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX certificate_review_by_certificate ON certificate_review (enterprise_id, certificate_id, reviewed_on);

-- One reminder per certificate, due kind and due date: the sweep inserts here first, so a reminder is
-- emitted once however often it runs (and a new due date after a review gets its own reminder).
CREATE TABLE certificate_reminder (
  enterprise_id  uuid NOT NULL REFERENCES enterprise (id),
  certificate_id uuid NOT NULL REFERENCES certificate (id),
  due_kind       text NOT NULL CHECK (due_kind IN ('expiry', 'review')),
  due_on         date NOT NULL,
  emitted_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (certificate_id, due_kind, due_on)
);

-- 承包商单位.
CREATE TABLE contractor_company (
  id             uuid PRIMARY KEY,
  enterprise_id  uuid NOT NULL REFERENCES enterprise (id),
  name           text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  credit_code    char(18) NOT NULL,                    -- GB 32100 check digit verified
  contact_name   text NOT NULL DEFAULT '',
  contact_mobile text NOT NULL DEFAULT '',
  address        text NOT NULL DEFAULT '',
  review_status  text NOT NULL DEFAULT 'pending' CHECK (review_status IN ('pending', 'approved', 'rejected')),
  reviewed_by    text NOT NULL DEFAULT '',
  reviewed_at    timestamptz,
  review_comment text NOT NULL DEFAULT '',
  version        integer NOT NULL DEFAULT 1,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  UNIQUE (enterprise_id, credit_code)
);

-- 单位资质: replaced as a whole on update (a change sends the company back to review).
CREATE TABLE contractor_document (
  id            uuid PRIMARY KEY,
  enterprise_id uuid NOT NULL REFERENCES enterprise (id),
  company_id    uuid NOT NULL REFERENCES contractor_company (id),
  kind          text NOT NULL CHECK (length(kind) BETWEEN 1 AND 50),   -- e.g. 安全生产许可证, 建筑业企业资质证书
  number        text NOT NULL DEFAULT '',
  grade         text NOT NULL DEFAULT '',
  issued_on     date,
  expires_on    date,
  file_url      text NOT NULL DEFAULT '',
  sort_order    integer NOT NULL DEFAULT 0
);
CREATE INDEX contractor_document_by_company ON contractor_document (enterprise_id, company_id);

-- 施工团队: several per company.
CREATE TABLE contractor_team (
  id               uuid PRIMARY KEY,
  enterprise_id    uuid NOT NULL REFERENCES enterprise (id),
  company_id       uuid NOT NULL REFERENCES contractor_company (id),
  name             text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  leader_person_id uuid REFERENCES person (id),
  created_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (company_id, name)
);

-- Contractor staff are rows of person (person_type 'outsourced'); this links them to company and team.
CREATE TABLE contractor_staff (
  person_id      uuid PRIMARY KEY REFERENCES person (id),
  enterprise_id  uuid NOT NULL REFERENCES enterprise (id),
  company_id     uuid NOT NULL REFERENCES contractor_company (id),
  team_id        uuid REFERENCES contractor_team (id),
  review_status  text NOT NULL DEFAULT 'pending' CHECK (review_status IN ('pending', 'approved', 'rejected')),
  reviewed_by    text NOT NULL DEFAULT '',
  reviewed_at    timestamptz,
  review_comment text NOT NULL DEFAULT '',
  version        integer NOT NULL DEFAULT 1,
  created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX contractor_staff_by_company ON contractor_staff (enterprise_id, company_id);

-- Every review decision on a company or a staff member (who, when, what, why).
CREATE TABLE contractor_review (
  id            uuid PRIMARY KEY,
  enterprise_id uuid NOT NULL REFERENCES enterprise (id),
  subject_kind  text NOT NULL CHECK (subject_kind IN ('company', 'staff')),
  subject_id    uuid NOT NULL,
  decision      text NOT NULL CHECK (decision IN ('approved', 'rejected')),
  comment       text NOT NULL DEFAULT '',
  reviewed_by   text NOT NULL,
  reviewed_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX contractor_review_by_subject ON contractor_review (enterprise_id, subject_id, reviewed_at);

-- 违章记录, written from the phone on site.
CREATE TABLE violation (
  id            uuid PRIMARY KEY,
  enterprise_id uuid NOT NULL REFERENCES enterprise (id),
  person_id     uuid NOT NULL REFERENCES person (id),
  company_id    uuid REFERENCES contractor_company (id),   -- the violator's company when contractor staff
  occurred_at   timestamptz NOT NULL,
  place         text NOT NULL CHECK (length(place) BETWEEN 1 AND 200),
  description   text NOT NULL CHECK (length(description) BETWEEN 1 AND 2000),
  recorded_by   text NOT NULL,                          -- the recorder's account (token sub)
  recorded_at   timestamptz NOT NULL DEFAULT now()       -- server time
);
CREATE INDEX violation_by_person ON violation (enterprise_id, person_id, occurred_at);
CREATE INDEX violation_by_company ON violation (enterprise_id, company_id, occurred_at);

-- The on-site photo and the signature image of a violation, kept apart so listings never load bytes.
CREATE TABLE violation_image (
  violation_id  uuid NOT NULL REFERENCES violation (id),
  role          text NOT NULL CHECK (role IN ('photo', 'signature')),
  enterprise_id uuid NOT NULL REFERENCES enterprise (id),
  content_type  text NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png')),
  data          bytea NOT NULL CHECK (octet_length(data) BETWEEN 1 AND 5242880),
  PRIMARY KEY (violation_id, role)
);

-- 黑名单 of companies and people. Entries are never deleted: lifting records who, when and why.
CREATE TABLE blacklist_entry (
  id            uuid PRIMARY KEY,
  enterprise_id uuid NOT NULL REFERENCES enterprise (id),
  subject_kind  text NOT NULL CHECK (subject_kind IN ('company', 'person')),
  subject_id    uuid NOT NULL,
  reason        text NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
  from_at       timestamptz NOT NULL,
  until_at      timestamptz CHECK (until_at IS NULL OR until_at > from_at),   -- NULL = permanent
  created_by    text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  lifted_at     timestamptz,
  lifted_by     text NOT NULL DEFAULT '',
  lift_reason   text NOT NULL DEFAULT ''
);
CREATE INDEX blacklist_by_subject ON blacklist_entry (enterprise_id, subject_id);

ALTER TABLE certificate_type ENABLE ROW LEVEL SECURITY;
CREATE POLICY builtin_or_own ON certificate_type
  USING (enterprise_id IS NULL OR enterprise_id = current_enterprise())
  WITH CHECK (enterprise_id = current_enterprise());

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['certificate', 'certificate_review', 'certificate_reminder', 'contractor_company',
                           'contractor_document', 'contractor_team', 'contractor_staff', 'contractor_review',
                           'violation', 'violation_image', 'blacklist_entry'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY tenant_isolation ON %I
                      USING (enterprise_id = current_enterprise())
                      WITH CHECK (enterprise_id = current_enterprise())$p$, t);
  END LOOP;
END $$;
