-- Tenancy rules the service relies on beyond 001: unique sibling names (so a unit path like
-- 生产部/一车间 names one unit in imports), what changed besides the name in the unit history, when a
-- person left, and the indexes of the people list filters.

-- Active siblings never share a name; a closed unit gives its name back (reopening it checks again).
CREATE UNIQUE INDEX org_unit_sibling_name ON org_unit (enterprise_id, parent_id, name) WHERE status = 'active';

ALTER TABLE org_unit_history
  ADD COLUMN old_code text,
  ADD COLUMN new_code text,
  ADD COLUMN unit_version integer;

ALTER TABLE person
  ADD COLUMN left_on date,
  ADD CONSTRAINT person_left_has_date CHECK ((status = 'left') = (left_on IS NOT NULL)),
  ADD CONSTRAINT person_mobile_digits CHECK (mobile = '' OR mobile ~ '^1[3-9][0-9]{9}$');

CREATE INDEX person_by_post ON person (enterprise_id, post_id) WHERE post_id IS NOT NULL;
CREATE INDEX person_by_status ON person (enterprise_id, status);
