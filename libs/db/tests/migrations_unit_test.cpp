#include <catch2/catch.hpp>

#include "safeloop/db/migrations.hpp"

using namespace safeloop;

TEST_CASE("migrations sort by version and refuse duplicates or missing versions") {
  auto sorted = db::SortMigrations({{2, "002_b.sql", "b"}, {1, "001_a.sql", "a"}});
  REQUIRE(sorted.ok());
  CHECK(sorted->front().name == "001_a.sql");
  CHECK(db::SortMigrations({{1, "001_a.sql", "a"}, {1, "001_b.sql", "b"}}).status().code() ==
        StatusCode::kInvalidArgument);
  CHECK(db::SortMigrations({{0, "x.sql", "a"}}).status().code() == StatusCode::kInvalidArgument);
}

TEST_CASE("migration checksums are stable and sensitive to any change") {
  CHECK(db::MigrationChecksum("CREATE TABLE a();") == db::MigrationChecksum("CREATE TABLE a();"));
  CHECK(db::MigrationChecksum("CREATE TABLE a();") != db::MigrationChecksum("CREATE TABLE a ();"));
  CHECK(db::MigrationChecksum("").size() == 16);
  CHECK(db::OutboxChannel("risk") == "safeloop_outbox_risk");
}
