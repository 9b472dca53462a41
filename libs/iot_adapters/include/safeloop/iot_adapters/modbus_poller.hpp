#pragma once
/// @file modbus_poller.hpp
/// Reads one Modbus TCP device (libmodbus) on a schedule: connects with a timeout, executes the read plan
/// of its register map (libs/iot_domain), decodes, and hands the readings to a ReadingSink.
///
/// What happens to problems (each one counted in ModbusStats, logged with context at a limited rate, and
/// passed to ReadingSink::OnError):
///   - the device answers a request with an exception (illegal address, busy …): the request's points
///     become bad-quality readings (reason device_exception, value NaN: there is none); the connection stays;
///   - a response that does not match its request (wrong count, wrong transaction, bad function): the
///     request's points become bad-quality readings (malformed_response); pending bytes are flushed;
///   - no answer within the request timeout, or a broken connection: the connection is closed, the rest
///     of the poll is abandoned and no readings are invented (communication loss is detected downstream by
///     their absence); the next attempt waits the reconnect backoff;
///   - a float32 holding NaN or ±inf: a bad-quality reading (non_finite) with the value kept.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "safeloop/core/clock.hpp"
#include "safeloop/core/status.hpp"
#include "safeloop/iot_adapters/backoff.hpp"
#include "safeloop/iot_adapters/sink.hpp"
#include "safeloop/iot_domain/registers.hpp"

namespace safeloop::iot {

/// One device: where it is, what to read, and how patiently.
struct ModbusDeviceConfig {
  std::string host = "127.0.0.1";  ///< name or address (IPv4 or IPv6)
  int port = 502;
  RegisterMap map;
  PlanOptions plan;
  std::chrono::milliseconds connect_timeout{3000};
  std::chrono::milliseconds request_timeout{1000};  ///< per request, also the gap allowed inside a frame
  std::chrono::milliseconds poll_period{1000};
  BackoffPolicy reconnect;
};

/// INVALID_ARGUMENT naming the field: host, port 1..65535, timeouts and period > 0, the map and plan
/// options ("map.points[2].address", "plan.max_register_gap"), the backoff ("reconnect.max").
Status ValidateModbusDeviceConfig(const ModbusDeviceConfig& config);

/// Counters since construction.
struct ModbusStats {
  std::uint64_t polls = 0;
  std::uint64_t requests = 0;            ///< requests sent
  std::uint64_t connect_attempts = 0;
  std::uint64_t connect_failures = 0;
  std::uint64_t connections = 0;         ///< successful connects (the first one and every reconnect)
  std::uint64_t timeouts = 0;
  std::uint64_t connection_losses = 0;
  std::uint64_t device_exceptions = 0;
  std::uint64_t malformed_responses = 0;
  std::uint64_t readings = 0;            ///< handed to the sink, good or not
  std::uint64_t bad_readings = 0;
};

/// What one poll did.
struct PollReport {
  bool connected = false;       ///< the device was connected for this poll
  int requests = 0;             ///< requests sent
  int succeeded = 0;
  int device_exceptions = 0;
  int malformed = 0;
  bool transport_failed = false;  ///< connect failed, a request timed out or the connection broke
  std::size_t readings = 0;
  std::size_t bad_readings = 0;
  std::string error;  ///< the last problem, "" when none
};

class ModbusPoller {
 public:
  /// Validates the configuration and plans the reads; does not connect yet.
  static Result<std::unique_ptr<ModbusPoller>> Create(ModbusDeviceConfig config, ReadingSink& sink,
                                                      const Clock& clock);
  ~ModbusPoller();  ///< stops the schedule and closes the connection
  ModbusPoller(const ModbusPoller&) = delete;
  ModbusPoller& operator=(const ModbusPoller&) = delete;

  /// One poll now, on the calling thread: connect when needed (no backoff wait), read every request of
  /// the plan, deliver. Serialised with the schedule's own polls.
  PollReport PollOnce();

  /// Polls every poll_period on an own thread until Stop(); after a transport failure the next attempt
  /// waits BackoffDelay(reconnect, consecutive failures) instead. Idempotent.
  void Start();
  /// Stops the schedule (an in-flight request finishes or times out first) and disconnects. Idempotent.
  void Stop();

  bool Connected() const { return connected_.load(); }
  ModbusStats Stats() const;
  const std::vector<ReadRequest>& plan() const { return plan_; }
  const ModbusDeviceConfig& config() const { return config_; }

 private:
  struct Impl;
  ModbusPoller(ModbusDeviceConfig config, std::vector<ReadRequest> plan, ReadingSink& sink, const Clock& clock);
  void Run();
  void Report(IngestErrorKind kind, const std::string& where, const std::string& detail);

  ModbusDeviceConfig config_;
  std::vector<ReadRequest> plan_;
  ReadingSink& sink_;
  const Clock& clock_;
  std::string source_;

  std::mutex poll_mu_;          // one poll at a time; guards impl_ (the libmodbus context)
  std::unique_ptr<Impl> impl_;  // guarded by poll_mu_

  std::mutex run_mu_;  // guards stop_ and thread_ start/stop
  std::condition_variable run_cv_;
  bool stop_ = false;  // guarded by run_mu_
  std::thread thread_;

  std::atomic<bool> connected_{false};
  struct Counters;
  std::unique_ptr<Counters> counters_;  // atomics: readable from any thread
};

}  // namespace safeloop::iot
