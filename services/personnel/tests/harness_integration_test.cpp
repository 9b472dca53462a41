// The shared harness itself: migrations apply, the server serves health, tenants are isolated by RLS.
#include "personnel_harness.hpp"

#include "safeloop/db/transaction.hpp"

using namespace safeloop;
using namespace safeloop::personnel;

TEST_CASE("harness: a tenant sees its own enterprise and root unit only; a park sees its enterprises") {
  testing::PersonnelHarness h;
  auto a = h.NewTenant("甲企业");
  auto b = h.NewTenantInPark(a, "乙企业");
  auto other = h.NewTenant("别园区企业");

  auto count = [&](const std::string& enterprise, const std::string& sql) {
    return db::InTenantTransaction<Result<long>>(h.pool(), enterprise, [&](pqxx::work& tx) -> Result<long> {
      return tx.exec1(sql)[0].as<long>();
    });
  };
  CHECK(*count(a.enterprise_id, "SELECT count(*) FROM personnel.enterprise") == 1);
  CHECK(*count(a.enterprise_id, "SELECT count(*) FROM personnel.org_unit") == 1);
  CHECK(*count(a.enterprise_id, "SELECT count(*) FROM personnel.park") == 1);
  auto park_sees = db::InParkTransaction<Result<long>>(h.pool(), a.park_id, [&](pqxx::work& tx) -> Result<long> {
    return tx.exec1("SELECT count(*) FROM personnel.enterprise")[0].as<long>();
  });
  INFO(park_sees.status().ToString());
  REQUIRE(park_sees.ok());
  CHECK(*park_sees == 2);
  auto park_units = db::InParkTransaction<Result<long>>(h.pool(), a.park_id, [&](pqxx::work& tx) -> Result<long> {
    return tx.exec1("SELECT count(*) FROM personnel.org_unit")[0].as<long>();
  });
  CHECK(*park_units == 0);  // park accounts read enterprise data only through an enterprise token
  // Writing another tenant's row is refused by the policy, not just filtered.
  auto cross = db::InTenantTransaction<Status>(h.pool(), a.enterprise_id, [&](pqxx::work& tx) -> Status {
    tx.exec_params("INSERT INTO personnel.org_unit (id, enterprise_id, parent_id, kind, name) "
                   "VALUES ($1, $2, $3, 'department', 'x')",
                   NewUuidV7(), other.enterprise_id, other.root_unit_id);
    return Status::Ok();
  });
  CHECK_FALSE(cross.ok());
  (void)b;
}
