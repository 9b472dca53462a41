-- The ledger pages by point id within one enterprise (row-level security adds the enterprise): without an
-- index starting with the enterprise, paging walked the global primary key past other tenants' points
-- (tools/bench/risk). Sub-unit lookups of the unit filter go by parent.
CREATE INDEX risk_point_by_enterprise_id ON risk_point (enterprise_id, id);
CREATE INDEX risk_unit_by_parent ON risk_unit (parent_id) WHERE parent_id IS NOT NULL;
