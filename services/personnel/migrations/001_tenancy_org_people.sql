-- Tenancy (parks and enterprises), the organisation tree and people: the rows every other part of the
-- personnel service (accounts, roles, certificates, contractors) refers to.
-- Row-level security: tenant requests run as safeloop_app with safeloop.enterprise_id set (or, for a park
-- account, safeloop.park_id); login and system jobs run as the owner, which the policies do not restrict.

-- The tenant of the current transaction (set by db::EnterTenant / db::EnterPark). NULLIF: a setting once
-- used in a session reads as '' afterwards, not NULL.
CREATE FUNCTION current_enterprise() RETURNS uuid LANGUAGE sql STABLE
  AS $$ SELECT NULLIF(current_setting('safeloop.enterprise_id', true), '')::uuid $$;
CREATE FUNCTION current_park() RETURNS uuid LANGUAGE sql STABLE
  AS $$ SELECT NULLIF(current_setting('safeloop.park_id', true), '')::uuid $$;

CREATE TABLE park (
  id         uuid PRIMARY KEY,
  name       text NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 100),
  region     text NOT NULL DEFAULT '',        -- administrative division, e.g. 河北省沧州市
  created_at timestamptz NOT NULL DEFAULT now()
);

-- The enterprise file (企业基础信息) with the fields the Cangzhou text lists.
CREATE TABLE enterprise (
  id                        uuid PRIMARY KEY,
  park_id                   uuid REFERENCES park (id),
  name                      text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  credit_code               char(18) NOT NULL UNIQUE,   -- 统一社会信用代码, GB 32100 check digit verified
  enterprise_type           text NOT NULL DEFAULT '',   -- 单位类型
  founded_on                date,                       -- 成立日期
  term_until                date,                       -- 营业期限 (NULL = 长期)
  registered_address        text NOT NULL DEFAULT '',
  operating_address         text NOT NULL DEFAULT '',
  registration_authority    text NOT NULL DEFAULT '',   -- 登记机关
  business_scope            text NOT NULL DEFAULT '',   -- 经营范围
  legal_representative      text NOT NULL DEFAULT '',
  phone                     text NOT NULL DEFAULT '',
  principal_name            text NOT NULL DEFAULT '',   -- 主要负责人
  principal_mobile          text NOT NULL DEFAULT '',
  safety_principal_name     text NOT NULL DEFAULT '',   -- 安全负责人
  safety_principal_mobile   text NOT NULL DEFAULT '',
  emergency_phone           text NOT NULL DEFAULT '',   -- 单位应急电话
  headcount                 integer CHECK (headcount >= 0),
  area_m2                   numeric(14, 2) CHECK (area_m2 >= 0),
  economic_industry_code    text NOT NULL DEFAULT '',   -- 国民经济行业分类 (GB/T 4754), e.g. C2614
  safety_industry_class     text NOT NULL DEFAULT '',   -- 安全监管行业分类
  hazchem_registration_code char(9),                    -- 危险化学品登记平台企业编码 (government exchange)
  park_write_granted        boolean NOT NULL DEFAULT false,  -- may the park's regulators edit this file
  version                   integer NOT NULL DEFAULT 1,
  created_at                timestamptz NOT NULL DEFAULT now(),
  updated_at                timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX enterprise_by_park ON enterprise (park_id);

-- 公司/部门/车间/班组/岗位. Units are never deleted: closing keeps the row (and its people's history).
CREATE TABLE org_unit (
  id            uuid PRIMARY KEY,
  enterprise_id uuid NOT NULL REFERENCES enterprise (id),
  parent_id     uuid REFERENCES org_unit (id),
  kind          text NOT NULL CHECK (kind IN ('company', 'department', 'workshop', 'team', 'post')),
  name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  code          text NOT NULL DEFAULT '',
  sort_order    integer NOT NULL DEFAULT 0,
  status        text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'closed')),
  closed_at     timestamptz,
  version       integer NOT NULL DEFAULT 1,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX org_unit_by_parent ON org_unit (enterprise_id, parent_id);
-- One company root per enterprise.
CREATE UNIQUE INDEX org_unit_one_root ON org_unit (enterprise_id) WHERE parent_id IS NULL;

-- Every change of a unit (created, renamed, moved, closed, reopened), so the tree at any past time is known.
CREATE TABLE org_unit_history (
  id            bigserial PRIMARY KEY,
  enterprise_id uuid NOT NULL,
  unit_id       uuid NOT NULL REFERENCES org_unit (id),
  change        text NOT NULL CHECK (change IN ('created', 'renamed', 'moved', 'closed', 'reopened', 'updated')),
  old_parent_id uuid,
  new_parent_id uuid,
  old_name      text,
  new_name      text,
  actor         text NOT NULL,
  at            timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX org_unit_history_by_unit ON org_unit_history (enterprise_id, unit_id, at);

CREATE TABLE person (
  id                 uuid PRIMARY KEY,
  enterprise_id      uuid NOT NULL REFERENCES enterprise (id),
  unit_id            uuid NOT NULL REFERENCES org_unit (id),    -- 所属部门/车间/班组
  post_id            uuid REFERENCES org_unit (id),             -- 岗位 (an org_unit of kind post)
  employee_no        text NOT NULL CHECK (length(employee_no) BETWEEN 1 AND 50),  -- 工号
  name               text NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
  gender             text NOT NULL CHECK (gender IN ('male', 'female')),
  title              text NOT NULL DEFAULT '',   -- 职务
  professional_title text NOT NULL DEFAULT '',   -- 职称
  work_type          text NOT NULL DEFAULT '',   -- 工种
  person_type        text NOT NULL CHECK (person_type IN ('employee', 'intern', 'outsourced', 'visitor')),
  special_operation  boolean NOT NULL DEFAULT false,  -- 特种作业人员
  mobile             text NOT NULL DEFAULT '',
  id_number          text NOT NULL DEFAULT '',   -- 居民身份证号 (GB 11643 check digit verified when given)
  status             text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'left')),
  version            integer NOT NULL DEFAULT 1,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  UNIQUE (enterprise_id, employee_no)
);
CREATE INDEX person_by_unit ON person (enterprise_id, unit_id);
CREATE INDEX person_by_name ON person (enterprise_id, name);

ALTER TABLE park ENABLE ROW LEVEL SECURITY;
CREATE POLICY park_member ON park
  USING (id = current_park()
         OR id = (SELECT e.park_id FROM enterprise e
                  WHERE e.id = current_enterprise()));

-- An enterprise sees its own file; a park account sees the files of its park's enterprises, and may
-- change one only where the enterprise granted it.
ALTER TABLE enterprise ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_enterprise ON enterprise
  USING (id = current_enterprise())
  WITH CHECK (id = current_enterprise());
CREATE POLICY park_reads ON enterprise FOR SELECT
  USING (park_id = current_park());
CREATE POLICY park_writes_when_granted ON enterprise FOR UPDATE
  USING (park_id = current_park() AND park_write_granted)
  WITH CHECK (park_id = current_park() AND park_write_granted);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['org_unit', 'org_unit_history', 'person'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY tenant_isolation ON %I
                      USING (enterprise_id = current_enterprise())
                      WITH CHECK (enterprise_id = current_enterprise())$p$, t);
  END LOOP;
END $$;
