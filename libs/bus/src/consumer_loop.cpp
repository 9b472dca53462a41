#include "safeloop/bus/consumer_loop.hpp"

#include <algorithm>

#include "safeloop/core/log.hpp"

namespace safeloop::bus {

ConsumerLoop::ConsumerLoop(ConsumerConfig config, Handler handler, Options options)
    : config_(std::move(config)), handler_(std::move(handler)), options_(std::move(options)) {}

ConsumerLoop::~ConsumerLoop() { Stop(); }

void ConsumerLoop::Start() { thread_ = std::thread([this] { Run(); }); }

void ConsumerLoop::Stop() {
  if (stop_.exchange(true)) return;
  if (thread_.joinable()) thread_.join();
}

void ConsumerLoop::Run() {
  const std::string& component = options_.log_component;
  std::unique_ptr<Consumer> consumer;
  auto last_lag = std::chrono::steady_clock::time_point{};
  while (!stop_) {
    if (options_.idle) options_.idle();
    if (!consumer) {
      auto made = MakeKafkaConsumer(config_);
      if (!made.ok()) {
        LogWarn(component, "cannot create consumer", {{"error", made.status().ToString()}});
        std::this_thread::sleep_for(std::chrono::seconds(1));
        continue;
      }
      consumer = std::move(made).value();
    }
    auto batch = consumer->PollBatch(options_.max_batch, options_.poll_timeout);
    if (!batch.ok()) {
      LogWarn(component, "consumer failed; recreating it", {{"error", batch.status().ToString()}});
      consumer.reset();
      continue;
    }
    if (batch->empty()) continue;
    for (const auto& record : *batch) {
      auto backoff = std::chrono::milliseconds(100);
      while (!stop_) {
        Status s = handler_(record);
        if (s.ok()) break;
        LogWarn(component, "cannot apply event, retrying", {{"error", s.ToString()}, {"backoff_ms", backoff.count()}});
        std::this_thread::sleep_for(backoff);
        backoff = std::min(backoff * 2, std::chrono::milliseconds(5000));
      }
    }
    if (stop_) break;  // uncommitted records come again after a restart; handlers are idempotent
    if (Status s = consumer->Commit(*batch); !s.ok()) {
      LogWarn(component, "offset commit failed; events may be redelivered (handlers are idempotent)",
              {{"error", s.ToString()}});
    }
    if (options_.on_lag && std::chrono::steady_clock::now() - last_lag > std::chrono::seconds(1)) {
      options_.on_lag(consumer->Lag());
      last_lag = std::chrono::steady_clock::now();
    }
  }
  if (consumer) consumer->Close();
}

}  // namespace safeloop::bus
