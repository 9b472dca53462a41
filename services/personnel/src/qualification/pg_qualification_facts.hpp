#pragma once
// Loads what personnel_domain::DecideQualification needs for a set of people, in one tenant transaction
// and a fixed number of queries however many people (the permit service checks a whole crew at once).

#include <string>
#include <vector>

#include "safeloop/db/pool.hpp"
#include "safeloop/personnel_domain/qualification.hpp"
#include "store_support.hpp"

namespace safeloop::personnel::qualification {

class PgQualificationFacts {
 public:
  explicit PgQualificationFacts(db::ConnectionPool& pool) : pool_(pool) {}

  /// Facts per person in the order asked. NOT_FOUND naming `field` (with "[i]" when `indexed`) when a person
  /// is not in the caller's enterprise.
  Result<std::vector<personnel_domain::PersonFacts>> Load(const Actor& actor, const std::vector<std::string>& person_ids,
                                                          const std::string& field, bool indexed);

 private:
  db::ConnectionPool& pool_;
};

}  // namespace safeloop::personnel::qualification
