#include "reminder_job.hpp"

#include "safeloop/bus/topics.hpp"
#include "safeloop/core/log.hpp"

namespace safeloop::personnel::qualification {
ReminderJob::ReminderJob(PgCertificateStore& store, const Clock& clock, std::string kafka_brokers,
                         prometheus::Registry& registry, std::chrono::milliseconds period)
    : store_(store),
      clock_(clock),
      kafka_brokers_(std::move(kafka_brokers)),
      period_(period),
      sweep_family_(prometheus::BuildCounter()
                        .Name("safeloop_personnel_certificate_reminder_sweeps_total")
                        .Help("Certificate reminder sweeps by outcome")
                        .Register(registry)),
      sweeps_(sweep_family_.Add({{"outcome", "ok"}})),
      failures_(sweep_family_.Add({{"outcome", "error"}})),
      emitted_(prometheus::BuildCounter()
                   .Name("safeloop_personnel_certificate_reminders_total")
                   .Help("Certificate reminder events written to the outbox")
                   .Register(registry)
                   .Add({})) {}

ReminderJob::~ReminderJob() { Stop(); }

void ReminderJob::Start() {
  std::lock_guard lock(mutex_);
  if (thread_.joinable()) return;
  stop_ = false;
  thread_ = std::thread([this] { Run(); });
}

void ReminderJob::Stop() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void ReminderJob::Run() {
  // The relay publishes to these topics; creating them here keeps the partition count ours, not the
  // broker's auto-create default. Failure is not fatal: events wait in the outbox.
  Status topics = bus::EnsureTopics(kafka_brokers_, {{kCertificateTopic, 3, 1, {}}, {kContractorTopic, 3, 1, {}}});
  if (!topics.ok()) LogWarn("personnel.qualification", "cannot ensure topics", {{"error", topics.ToString()}});
  std::unique_lock lock(mutex_);
  while (!stop_) {
    lock.unlock();
    auto emitted = store_.SweepReminders(clock_.Now());
    if (emitted.ok()) {
      sweeps_.Increment();
      emitted_.Increment(*emitted);
      if (*emitted > 0) LogInfo("personnel.qualification", "certificate reminders emitted", {{"count", *emitted}});
    } else {
      failures_.Increment();
      LogWarn("personnel.qualification", "certificate reminder sweep failed", {{"error", emitted.status().ToString()}});
    }
    lock.lock();
    wake_.wait_for(lock, period_, [this] { return stop_; });
  }
}

}  // namespace safeloop::personnel::qualification
