#include <catch2/catch.hpp>

#include "safeloop/core/log.hpp"

using namespace safeloop;

TEST_CASE("log lines are JSON with the request context of the thread") {
  auto plain = nlohmann::json::parse(FormatLogLine(LogLevel::kInfo, "relay", "published", {{"count", 3}}));
  CHECK(plain["level"] == "info");
  CHECK(plain["component"] == "relay");
  CHECK(plain["msg"] == "published");
  CHECK(plain["count"] == 3);
  CHECK_FALSE(plain.contains("request_id"));
  {
    LogScope scope({"req-1", "ent-1", "park-1"});
    auto line = nlohmann::json::parse(FormatLogLine(LogLevel::kWarn, "gw", "风险点 created", {}));
    CHECK(line["request_id"] == "req-1");
    CHECK(line["enterprise_id"] == "ent-1");
    CHECK(line["park_id"] == "park-1");
    CHECK(line["msg"] == "风险点 created");
  }
  CHECK(CurrentLogContext().request_id.empty());
}

TEST_CASE("invalid UTF-8 never makes logging throw") {
  std::string bad = "bad \xff\xfe bytes";
  CHECK_NOTHROW(FormatLogLine(LogLevel::kError, "x", bad, {{"v", bad}}));
}

TEST_CASE("log levels parse") {
  LogLevel level{};
  CHECK(ParseLogLevel("debug", level));
  CHECK(level == LogLevel::kDebug);
  CHECK_FALSE(ParseLogLevel("verbose", level));
}
