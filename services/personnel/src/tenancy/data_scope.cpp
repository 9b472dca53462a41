#include "tenancy/data_scope.hpp"

#include "safeloop/auth/permissions.hpp"
#include "safeloop/core/uuid.hpp"

namespace safeloop::personnel::tenancy {
namespace {

// Ids come from a verified token and are checked to be UUIDs, so quoting them as literals is safe; literals
// keep the predicates composable into any query without renumbering its parameters.
std::string Literal(const pqxx::transaction_base& tx, const std::string& uuid) { return tx.quote(uuid) + "::uuid"; }

}  // namespace

DataScope DataScope::FromClaims(const auth::Claims& claims) {
  auto scope = auth::ParseDataScope(claims.scope);
  const std::string pid = IsUuid(claims.pid) ? claims.pid : "";
  const std::string unit = IsUuid(claims.unit) ? claims.unit : "";
  if (!scope) return DataScope(Kind::kOwn, "", "");  // unknown scope: nothing
  switch (*scope) {
    case auth::DataScope::kOwn: return DataScope(Kind::kOwn, pid, "");
    case auth::DataScope::kUnit: return DataScope(Kind::kUnit, "", unit);
    case auth::DataScope::kSubtree: return DataScope(Kind::kSubtree, "", unit);
    case auth::DataScope::kEnterprise:
    case auth::DataScope::kPark: return All();
  }
  return DataScope(Kind::kOwn, "", "");
}

std::string DataScope::PersonRowSql(const pqxx::transaction_base& tx, std::string_view alias) const {
  const std::string a(alias);
  switch (kind_) {
    case Kind::kAll: return "TRUE";
    case Kind::kOwn: return person_id_.empty() ? "FALSE" : a + ".id = " + Literal(tx, person_id_);
    case Kind::kUnit:
    case Kind::kSubtree: return UnitIdSql(tx, a + ".unit_id");
  }
  return "FALSE";
}

std::string DataScope::PersonIdSql(const pqxx::transaction_base& tx, std::string_view person_id_expr) const {
  const std::string e(person_id_expr);
  switch (kind_) {
    case Kind::kAll: return "TRUE";
    case Kind::kOwn: return person_id_.empty() ? "FALSE" : e + " = " + Literal(tx, person_id_);
    case Kind::kUnit:
    case Kind::kSubtree:
      return e + " IN (SELECT sp.id FROM personnel.person sp WHERE " + UnitIdSql(tx, "sp.unit_id") + ")";
  }
  return "FALSE";
}

std::string DataScope::UnitIdSql(const pqxx::transaction_base& tx, std::string_view unit_id_expr) const {
  const std::string e(unit_id_expr);
  switch (kind_) {
    case Kind::kAll: return "TRUE";
    case Kind::kOwn: return "FALSE";
    case Kind::kUnit: return unit_id_.empty() ? "FALSE" : e + " = " + Literal(tx, unit_id_);
    case Kind::kSubtree:
      if (unit_id_.empty()) return "FALSE";
      return e + " IN (WITH RECURSIVE scope_units(id) AS (SELECT " + Literal(tx, unit_id_) +
             " UNION SELECT su.id FROM personnel.org_unit su JOIN scope_units s ON su.parent_id = s.id) "
             "SELECT id FROM scope_units)";
  }
  return "FALSE";
}

bool DataScope::CoversUnit(const personnel_domain::OrgTree& tree, std::string_view unit_id) const {
  switch (kind_) {
    case Kind::kAll: return tree.Find(unit_id) != nullptr;
    case Kind::kOwn: return false;
    case Kind::kUnit: return !unit_id_.empty() && unit_id == unit_id_;
    case Kind::kSubtree: return !unit_id_.empty() && tree.IsWithin(unit_id, unit_id_);
  }
  return false;
}

}  // namespace safeloop::personnel::tenancy
