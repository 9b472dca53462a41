// Integration tests against a real Kafka broker (SAFELOOP_KAFKA_BROKERS); no mocks.

#include <catch2/catch.hpp>

#include <chrono>
#include <cstdlib>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "safeloop/bus/consumer.hpp"
#include "safeloop/bus/producer.hpp"
#include "safeloop/bus/topics.hpp"
#include "safeloop/core/uuid.hpp"

namespace safeloop::bus {
namespace {

using namespace std::chrono_literals;
using SteadyClock = std::chrono::steady_clock;

std::string Brokers() {
  const char* value = std::getenv("SAFELOOP_KAFKA_BROKERS");
  if (value == nullptr || *value == '\0') {
    FAIL("SAFELOOP_KAFKA_BROKERS is not set. Start the test Kafka with `tools/infra start --profile test`, then "
         "`source tools/lib/env.sh test` (tools/test does both).");
  }
  return value;
}

std::string UniqueName(const std::string& what) { return "safeloop.test." + what + "." + NewUuidV7(); }

std::unique_ptr<Consumer> MakeConsumer(const std::string& group, const std::string& topic) {
  ConsumerConfig config;
  config.brokers = Brokers();
  config.group_id = group;
  config.topics = {topic};
  auto consumer = MakeKafkaConsumer(config);
  REQUIRE(consumer.ok());
  return std::move(consumer).value();
}

/// Polls until `want` records arrived or the deadline passes.
std::vector<ConsumedRecord> ConsumeUntil(Consumer& consumer, std::size_t want, std::chrono::seconds limit) {
  std::vector<ConsumedRecord> records;
  const auto deadline = SteadyClock::now() + limit;
  while (records.size() < want && SteadyClock::now() < deadline) {
    auto batch = consumer.PollBatch(want - records.size(), 500ms);
    REQUIRE(batch.ok());
    records.insert(records.end(), batch->begin(), batch->end());
  }
  return records;
}

struct ProducedSet {
  std::vector<OutgoingRecord> records;
  std::map<std::uint64_t, DeliveryReport> reports;
};

ProducedSet ProduceKeyed(const std::string& topic, int count, int keys) {
  ProducedSet produced;
  ProducerConfig config;
  config.brokers = Brokers();
  auto producer = MakeKafkaProducer(config, [&](const DeliveryReport& report) {
    produced.reports[report.correlation_id] = report;
  });
  REQUIRE(producer.ok());
  for (int i = 0; i < count; ++i) {
    OutgoingRecord record;
    record.topic = topic;
    record.key = "key-" + std::to_string(i % keys);
    record.value = "value-" + std::to_string(i);
    record.headers = {{"seq", std::to_string(i)}};
    record.correlation_id = static_cast<std::uint64_t>(i) + 1;
    produced.records.push_back(record);
    REQUIRE((*producer)->Produce(std::move(record)).ok());
    (*producer)->Poll(0ms);
  }
  Status flushed = (*producer)->Flush(30s);
  INFO(flushed.ToString());
  REQUIRE(flushed.ok());
  REQUIRE((*producer)->InFlight() == 0);
  return produced;
}

int SeqOf(const ConsumedRecord& record) { return std::stoi(record.value.substr(record.value.find('-') + 1)); }

/// Within each key, records must come in production order.
void CheckKeyOrder(const std::vector<ConsumedRecord>& records) {
  std::map<std::string, int> last_seq;
  for (const auto& record : records) {
    int seq = SeqOf(record);
    auto it = last_seq.find(record.key);
    if (it != last_seq.end()) CHECK(seq > it->second);
    last_seq[record.key] = seq;
  }
}

}  // namespace

TEST_CASE("EnsureTopics creates topics with the requested partition count and is idempotent", "[kafka]") {
  const std::string brokers = Brokers();
  const std::string four = UniqueName("topics4");
  const std::string one = UniqueName("topics1");
  std::vector<TopicSpec> specs = {{four, 4, 1, {}}, {one, 1, 1, {{"retention.ms", "3600000"}}}};

  Status created = EnsureTopics(brokers, specs);
  INFO(created.ToString());
  REQUIRE(created.ok());
  auto count4 = TopicPartitionCount(brokers, four);
  REQUIRE(count4.ok());
  CHECK(*count4 == 4);
  auto count1 = TopicPartitionCount(brokers, one);
  REQUIRE(count1.ok());
  CHECK(*count1 == 1);

  Status again = EnsureTopics(brokers, specs);
  INFO(again.ToString());
  CHECK(again.ok());
  CHECK(*TopicPartitionCount(brokers, four) == 4);

  auto missing = TopicPartitionCount(brokers, UniqueName("missing"));
  CHECK(missing.status().code() == StatusCode::kNotFound);
  CHECK(EnsureTopics(brokers, {{"bad", 0, 1, {}}}).code() == StatusCode::kInvalidArgument);
}

TEST_CASE("Producer delivers keyed records in order; commits stop redelivery, no commit redelivers", "[kafka]") {
  const std::string brokers = Brokers();
  const std::string topic = UniqueName("delivery");
  REQUIRE(EnsureTopics(brokers, {{topic, 3, 1, {}}}).ok());
  constexpr int kRecords = 300;
  constexpr int kKeys = 10;

  ProducedSet produced = ProduceKeyed(topic, kRecords, kKeys);

  SECTION("every delivery report is OK with an offset, and a key keeps its partition and order") {
    REQUIRE(produced.reports.size() == static_cast<std::size_t>(kRecords));
    std::map<std::string, std::pair<std::int32_t, std::int64_t>> last_by_key;  // partition, offset
    for (const auto& record : produced.records) {
      const DeliveryReport& report = produced.reports.at(record.correlation_id);
      INFO(report.status.ToString());
      REQUIRE(report.status.ok());
      CHECK(report.partition >= 0);
      CHECK(report.partition < 3);
      CHECK(report.offset >= 0);
      auto it = last_by_key.find(record.key);
      if (it != last_by_key.end()) {
        CHECK(report.partition == it->second.first);
        CHECK(report.offset > it->second.second);
      }
      last_by_key[record.key] = {report.partition, report.offset};
    }
  }

  SECTION("a new group reads everything; after Commit the group gets nothing more") {
    const std::string group = UniqueName("group-commit");
    auto first = MakeConsumer(group, topic);
    auto records = ConsumeUntil(*first, kRecords, 60s);
    REQUIRE(records.size() == static_cast<std::size_t>(kRecords));
    std::set<std::string> values;
    for (const auto& record : records) values.insert(record.value);
    CHECK(values.size() == static_cast<std::size_t>(kRecords));  // no duplicates
    CheckKeyOrder(records);
    CHECK(records.front().headers.size() == 1);
    CHECK(records.front().headers.front().first == "seq");
    CHECK(records.front().timestamp_ms > 0);

    CHECK(first->Lag() == kRecords);  // nothing committed yet
    Status committed = first->Commit(records);
    INFO(committed.ToString());
    REQUIRE(committed.ok());
    CHECK(first->Lag() == 0);
    first->Close();

    // A marker produced after the commit proves the next member is assigned and reading.
    ProducerConfig config;
    config.brokers = brokers;
    auto producer = MakeKafkaProducer(config, {});
    REQUIRE(producer.ok());
    REQUIRE((*producer)->Produce({topic, "marker", "marker", {}, 0}).ok());
    REQUIRE((*producer)->Flush(30s).ok());

    auto second = MakeConsumer(group, topic);
    std::vector<ConsumedRecord> seen;
    const auto deadline = SteadyClock::now() + 60s;
    while (SteadyClock::now() < deadline && (seen.empty() || seen.back().value != "marker")) {
      auto batch = second->PollBatch(100, 500ms);
      REQUIRE(batch.ok());
      seen.insert(seen.end(), batch->begin(), batch->end());
    }
    REQUIRE(seen.size() == 1);
    CHECK(seen.front().value == "marker");
    second->Close();
  }

  SECTION("a group that did not commit gets the records again") {
    const std::string group = UniqueName("group-nocommit");
    auto first = MakeConsumer(group, topic);
    REQUIRE(ConsumeUntil(*first, kRecords, 60s).size() == static_cast<std::size_t>(kRecords));
    first->Close();

    auto second = MakeConsumer(group, topic);
    auto again = ConsumeUntil(*second, kRecords, 60s);
    CHECK(again.size() == static_cast<std::size_t>(kRecords));
    CheckKeyOrder(again);
    second->Close();
  }
}

TEST_CASE("Producing to an unreachable broker reports UNAVAILABLE after message_timeout_ms", "[kafka]") {
  ProducerConfig config;
  config.brokers = "127.0.0.1:1";
  config.message_timeout_ms = 2000;
  std::vector<DeliveryReport> reports;
  auto producer = MakeKafkaProducer(config, [&](const DeliveryReport& report) { reports.push_back(report); });
  REQUIRE(producer.ok());
  constexpr int kRecords = 5;
  const auto start = SteadyClock::now();
  for (int i = 0; i < kRecords; ++i) {
    REQUIRE((*producer)->Produce({"safeloop.test.unreachable", "k", "v", {}, static_cast<std::uint64_t>(i)}).ok());
  }
  while (reports.size() < kRecords && SteadyClock::now() - start < 15s) (*producer)->Poll(100ms);
  const auto elapsed = SteadyClock::now() - start;

  REQUIRE(reports.size() == kRecords);
  CHECK(elapsed < 10s);
  for (const auto& report : reports) {
    INFO(report.status.ToString());
    CHECK(report.status.code() == StatusCode::kUnavailable);
    CHECK(report.status.message().find("127.0.0.1:1") != std::string::npos);
  }
  CHECK((*producer)->InFlight() == 0);
}

TEST_CASE("Bad configuration is rejected up front", "[kafka]") {
  CHECK(MakeKafkaProducer({}, {}).status().code() == StatusCode::kInvalidArgument);
  ProducerConfig config;
  config.brokers = "127.0.0.1:1";
  config.extra = {{"no.such.property", "1"}};
  auto producer = MakeKafkaProducer(config, {});
  CHECK(producer.status().code() == StatusCode::kInvalidArgument);
  CHECK(producer.status().message().find("no.such.property") != std::string::npos);
  CHECK(MakeKafkaConsumer({}).status().code() == StatusCode::kInvalidArgument);
}

}  // namespace safeloop::bus
