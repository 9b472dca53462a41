#pragma once
// SQL of people. Every query is limited by the caller's DataScope on top of row-level security; a person
// outside the scope answers NOT_FOUND exactly like a person of another enterprise. Writes check that the
// target unit is in scope too, lock the units they use (so a unit cannot close under a new member), and
// append PersonChanged in the same transaction.

#include <optional>
#include <string>
#include <vector>

#include "safeloop/core/clock.hpp"
#include "safeloop/db/pool.hpp"
#include "safeloop/personnel/v1/people.pb.h"
#include "tenancy/data_scope.hpp"
#include "tenancy/people_import.hpp"
#include "tenancy/tenancy_common.hpp"

namespace safeloop::personnel::tenancy {

struct PeopleFilter {
  std::string unit_id;
  bool include_subtree = false;
  std::string name_contains;
  std::string person_type;
  std::optional<bool> special_operation;
  std::string status;  // "active" | "left" | "all"
  std::string post_id;
};

class PeopleStore {
 public:
  PeopleStore(db::ConnectionPool& pool, const Clock& clock) : pool_(pool), clock_(clock) {}

  /// One page in pinyin order of names; NOT_FOUND for a unit_id / post_id filter the enterprise does not have.
  Result<v1::ListPeopleResponse> List(const Actor& actor, const DataScope& scope, const PeopleFilter& filter,
                                      int offset, int limit);
  Result<v1::Person> Get(const Actor& actor, const DataScope& scope, const std::string& person_id);
  /// `input` passed the field checks; unit and post are checked here (INVALID_ARGUMENT person.unit_id /
  /// person.post_id), a taken 工号 is ALREADY_EXISTS (person.employee_no).
  Result<v1::Person> Create(const Actor& actor, const DataScope& scope, const v1::PersonInput& input);
  Result<v1::Person> Update(const Actor& actor, const DataScope& scope, const std::string& person_id,
                            const v1::PersonInput& input, int version);
  Result<v1::Person> MarkLeft(const Actor& actor, const DataScope& scope, const std::string& person_id,
                              const std::string& left_on, int version);

  /// The template: no people, the enterprise's units for the 说明 sheet.
  Result<std::string> TemplateWorkbook(const Actor& actor);
  /// Every matching person in scope as an .xlsx in the template's layout.
  Result<std::string> ExportWorkbook(const Actor& actor, const DataScope& scope, const PeopleFilter& filter);
  /// All or nothing, in one transaction: checks every row against the tree, the scope and the 工号 already
  /// taken; inserts all (one PersonChanged each) only when there is no problem and not dry_run.
  Result<v1::ImportPeopleResponse> Import(const Actor& actor, const DataScope& scope, const PeopleSheet& sheet,
                                          bool dry_run);

 private:
  db::ConnectionPool& pool_;
  const Clock& clock_;
};

}  // namespace safeloop::personnel::tenancy
