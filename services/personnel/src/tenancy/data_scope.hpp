#pragma once
// The caller's data scope (token claim scope with unit / pid) turned into row filters, in one place: the
// tenancy module filters people with it, and other modules filter their person- or unit-owned records
// (certificates, violations ...) with the same predicates.
//   own        only the caller's own person (claims.pid)
//   unit       people of the caller's unit (claims.unit)
//   subtree    the caller's unit and every unit below it
//   enterprise, park   everyone in the enterprise (row-level security already limits to the tenant)
// A token that lacks the pid / unit its scope needs reaches nothing (fail closed). People are placed by
// their unit (person.unit_id), not by their post.

#include <pqxx/pqxx>

#include <set>
#include <string>
#include <string_view>

#include "safeloop/auth/claims.hpp"
#include "safeloop/personnel_domain/org_tree.hpp"

namespace safeloop::personnel::tenancy {

class DataScope {
 public:
  enum class Kind { kOwn, kUnit, kSubtree, kAll };

  static DataScope FromClaims(const auth::Claims& claims);
  static DataScope All() { return DataScope(Kind::kAll, "", ""); }

  Kind kind() const { return kind_; }
  bool covers_all() const { return kind_ == Kind::kAll; }

  /// SQL condition on a row of personnel.person aliased `alias` (e.g. "p").
  std::string PersonRowSql(const pqxx::transaction_base& tx, std::string_view alias) const;
  /// SQL condition on an expression yielding a person id (e.g. "c.person_id" of a certificate).
  std::string PersonIdSql(const pqxx::transaction_base& tx, std::string_view person_id_expr) const;
  /// SQL condition on an expression yielding an org unit id: the units whose people the scope reaches
  /// (own reaches no whole unit: FALSE).
  std::string UnitIdSql(const pqxx::transaction_base& tx, std::string_view unit_id_expr) const;

  /// Whether people of `unit_id` are in scope, decided on an already loaded tree (imports, creates).
  bool CoversUnit(const personnel_domain::OrgTree& tree, std::string_view unit_id) const;

 private:
  DataScope(Kind kind, std::string person_id, std::string unit_id)
      : kind_(kind), person_id_(std::move(person_id)), unit_id_(std::move(unit_id)) {}

  Kind kind_;
  std::string person_id_;
  std::string unit_id_;
};

}  // namespace safeloop::personnel::tenancy
