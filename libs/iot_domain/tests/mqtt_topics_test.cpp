#include <catch2/catch.hpp>

#include "safeloop/iot_domain/mqtt_topics.hpp"

using namespace safeloop;
using namespace safeloop::iot;

TEST_CASE("mqtt topics: filter validation follows MQTT 3.1.1 §4.7") {
  for (const char* ok : {"plant/gas/GT-201", "plant/gas/+", "plant/#", "#", "+", "+/+", "/", "//", "a//b",
                         "+/tank/+/level", "$SYS/#", "plant/+/#", "/+", "plant/罐区/LT-101"}) {
    INFO(ok);
    CHECK(ValidateTopicFilter(ok).ok());
  }
  for (const char* bad : {"", "plant/#/level", "plant#", "plant/gas#", "plant/+x", "x+/y", "#/", "##", "a/#/#",
                          "++"}) {
    INFO(bad);
    Status s = ValidateTopicFilter(bad, "bindings[0].pattern");
    CHECK(s.code() == StatusCode::kInvalidArgument);
    CHECK(s.field() == "bindings[0].pattern");
  }
  CHECK_FALSE(ValidateTopicFilter(std::string_view("a\0b", 3)).ok());
  CHECK_FALSE(ValidateTopicFilter(std::string(65536, 'a')).ok());
  CHECK(ValidateTopicFilter(std::string(65535, 'a')).ok());
}

TEST_CASE("mqtt topics: topic names carry no wildcards") {
  CHECK(ValidateTopicName("plant/gas/GT-201").ok());
  CHECK(ValidateTopicName("/").ok());
  CHECK(ValidateTopicName("plant/gas/+").field() == "topic");
  CHECK_FALSE(ValidateTopicName("plant/#").ok());
  CHECK_FALSE(ValidateTopicName("").ok());
  CHECK_FALSE(ValidateTopicName(std::string_view("a\0", 2)).ok());
}

TEST_CASE("mqtt topics: matching, edge cases included") {
  struct Row {
    const char* filter;
    const char* topic;
    bool match;
  };
  const std::vector<Row> rows{
      {"plant/gas/GT-201", "plant/gas/GT-201", true},
      {"plant/gas/GT-201", "plant/gas/GT-2011", false},
      {"plant/gas/GT-201", "plant/gas", false},
      {"plant/gas/GT-201", "Plant/gas/GT-201", false},  // case-sensitive
      {"plant/gas/+", "plant/gas/GT-201", true},
      {"plant/gas/+", "plant/gas/", true},  // '+' matches an empty level
      {"plant/gas/+", "plant/gas", false},
      {"plant/gas/+", "plant/gas/GT-201/raw", false},
      {"plant/+/GT-201", "plant/gas/GT-201", true},
      {"+/+", "/finance", true},
      {"/+", "/finance", true},
      {"+", "/finance", false},
      {"+", "finance", true},
      {"plant/#", "plant", true},  // '#' includes the parent level
      {"plant/#", "plant/", true},
      {"plant/#", "plant/gas/GT-201", true},
      {"plant/#", "plants/gas", false},
      {"#", "plant/gas/GT-201", true},
      {"#", "/", true},
      {"plant/+/#", "plant/gas", true},
      {"plant/+/#", "plant", false},
      // $-topics: never matched by a filter starting with a wildcard.
      {"#", "$SYS/broker/uptime", false},
      {"+/broker/uptime", "$SYS/broker/uptime", false},
      {"$SYS/#", "$SYS/broker/uptime", true},
      {"$SYS/+/uptime", "$SYS/broker/uptime", true},
      {"a//b", "a//b", true},
      {"a/+/b", "a//b", true},
      {"a//b", "a/b", false},
  };
  for (const Row& r : rows) {
    INFO(r.filter << " vs " << r.topic);
    CHECK(TopicMatches(r.filter, r.topic) == r.match);
  }
}

TEST_CASE("mqtt topics: captures hold the '+' levels, then the '#' remainder") {
  std::vector<std::string> caps;
  REQUIRE(TopicMatches("plant/+/+", "plant/gas/GT-201", &caps));
  CHECK(caps == std::vector<std::string>{"gas", "GT-201"});
  REQUIRE(TopicMatches("plant/+/#", "plant/gas/GT-201/raw", &caps));
  CHECK(caps == std::vector<std::string>{"gas", "GT-201/raw"});
  REQUIRE(TopicMatches("plant/#", "plant", &caps));
  CHECK(caps == std::vector<std::string>{""});
  REQUIRE(TopicMatches("plant/gas/+", "plant/gas/", &caps));
  CHECK(caps == std::vector<std::string>{""});
  CHECK_FALSE(TopicMatches("x/+", "y/z", &caps));
  CHECK(caps.empty());
  CHECK(CountSingleLevelWildcards("plant/+/+/#") == 2);
  CHECK(CountSingleLevelWildcards("plant/gas") == 0);
}
