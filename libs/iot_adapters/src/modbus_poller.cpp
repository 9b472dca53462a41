#include "safeloop/iot_adapters/modbus_poller.hpp"

#include <modbus/modbus.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>

#include "log_limiter.hpp"
#include "safeloop/core/log.hpp"

namespace safeloop::iot {
namespace {

constexpr const char* kComponent = "iot.modbus";

enum class Failure { kNone, kDeviceException, kMalformed, kTimeout, kConnectionLost };

// Retry decisions in one switch: what a libmodbus errno means for the connection.
Failure Classify(int err) {
  switch (err) {
    case EMBXILFUN:
    case EMBXILADD:
    case EMBXILVAL:
    case EMBXSFAIL:
    case EMBXACK:
    case EMBXSBUSY:
    case EMBXNACK:
    case EMBXMEMPAR:
    case EMBXGPATH:
    case EMBXGTAR: return Failure::kDeviceException;
    case EMBBADCRC:
    case EMBBADDATA:
    case EMBBADEXC:
    case EMBUNKEXC:
    case EMBMDATA:
    case EMBBADSLAVE: return Failure::kMalformed;
    case ETIMEDOUT: return Failure::kTimeout;
    default: return Failure::kConnectionLost;  // reset, broken pipe, closed by the peer …
  }
}

void SetTimeout(modbus_t* ctx, std::chrono::milliseconds t, bool byte_timeout) {
  const auto sec = static_cast<std::uint32_t>(t.count() / 1000);
  const auto usec = static_cast<std::uint32_t>((t.count() % 1000) * 1000);
  if (byte_timeout) {
    modbus_set_byte_timeout(ctx, sec, usec);
  } else {
    modbus_set_response_timeout(ctx, sec, usec);
  }
}

std::string Where(const ReadRequest& r) {
  return std::string(RegisterTableCode(r.table)) + " " + std::to_string(r.start) + "+" + std::to_string(r.count);
}

std::string Prefixed(const std::string& prefix, const Status& s) { return prefix + s.field(); }

}  // namespace

struct ModbusPoller::Impl {
  modbus_t* ctx = nullptr;
  bool connected = false;
  std::vector<std::uint16_t> registers = std::vector<std::uint16_t>(MODBUS_MAX_READ_REGISTERS);
  std::vector<std::uint8_t> bits = std::vector<std::uint8_t>(MODBUS_MAX_READ_BITS);

  ~Impl() {
    if (ctx != nullptr) {
      modbus_close(ctx);
      modbus_free(ctx);
    }
  }
};

struct ModbusPoller::Counters {
  std::atomic<std::uint64_t> polls{0}, requests{0}, connect_attempts{0}, connect_failures{0}, connections{0},
      timeouts{0}, connection_losses{0}, device_exceptions{0}, malformed_responses{0}, readings{0},
      bad_readings{0};
  LogLimiter log_limiter;
};

Status ValidateModbusDeviceConfig(const ModbusDeviceConfig& config) {
  if (config.host.empty()) return InvalidArgument("the device host is missing", "host");
  if (config.port < 1 || config.port > 65535) return InvalidArgument("the port is 1..65535", "port");
  if (config.connect_timeout.count() <= 0) return InvalidArgument("must be > 0", "connect_timeout");
  if (config.request_timeout.count() <= 0) return InvalidArgument("must be > 0", "request_timeout");
  if (config.poll_period.count() <= 0) return InvalidArgument("must be > 0", "poll_period");
  if (Status s = ValidatePlanOptions(config.plan); !s.ok()) {
    return InvalidArgument(s.message(), Prefixed("plan.", s));
  }
  if (Status s = ValidateRegisterMap(config.map, config.plan); !s.ok()) {
    // Plan limits the map cannot meet are the plan's fields.
    const bool plan_field = s.field().rfind("max_", 0) == 0;
    return InvalidArgument(s.message(), Prefixed(plan_field ? "plan." : "map.", s));
  }
  if (Status s = ValidateBackoffPolicy(config.reconnect); !s.ok()) {
    return InvalidArgument(s.message(), Prefixed("reconnect.", s));
  }
  return Status::Ok();
}

Result<std::unique_ptr<ModbusPoller>> ModbusPoller::Create(ModbusDeviceConfig config, ReadingSink& sink,
                                                           const Clock& clock) {
  SAFELOOP_RETURN_IF_ERROR(ValidateModbusDeviceConfig(config));
  Result<std::vector<ReadRequest>> plan = PlanReads(config.map, config.plan);
  if (!plan.ok()) return plan.status();
  return std::unique_ptr<ModbusPoller>(new ModbusPoller(std::move(config), std::move(*plan), sink, clock));
}

ModbusPoller::ModbusPoller(ModbusDeviceConfig config, std::vector<ReadRequest> plan, ReadingSink& sink,
                           const Clock& clock)
    : config_(std::move(config)),
      plan_(std::move(plan)),
      sink_(sink),
      clock_(clock),
      source_("modbus:" + config_.map.device_id),
      impl_(std::make_unique<Impl>()),
      counters_(std::make_unique<Counters>()) {}

ModbusPoller::~ModbusPoller() { Stop(); }

void ModbusPoller::Report(IngestErrorKind kind, const std::string& where, const std::string& detail) {
  std::uint64_t suppressed = 0;
  if (counters_->log_limiter.Allow(static_cast<int>(kind), suppressed)) {
    LogWarn(kComponent, "modbus " + std::string(IngestErrorKindCode(kind)),
            {{"device", config_.map.device_id},
             {"endpoint", config_.host + ":" + std::to_string(config_.port)},
             {"unit_id", config_.map.unit_id},
             {"where", where},
             {"error", detail},
             {"suppressed_since_last", suppressed}});
  }
  sink_.OnError(IngestError{kind, source_, where, detail});
}

PollReport ModbusPoller::PollOnce() {
  std::lock_guard lock(poll_mu_);
  Counters& c = *counters_;
  Impl& m = *impl_;
  PollReport report;
  ++c.polls;
  const std::string endpoint = config_.host + ":" + std::to_string(config_.port);

  if (!m.connected) {
    if (m.ctx == nullptr) {
      const std::string port = std::to_string(config_.port);
      m.ctx = modbus_new_tcp_pi(config_.host.c_str(), port.c_str());
      if (m.ctx == nullptr) {
        report.transport_failed = true;
        report.error = std::string("libmodbus could not create a context: ") + std::strerror(errno);
        ++c.connect_failures;
        Report(IngestErrorKind::kConnectFailed, endpoint, report.error);
        return report;
      }
      modbus_set_slave(m.ctx, config_.map.unit_id);
      modbus_set_error_recovery(m.ctx, MODBUS_ERROR_RECOVERY_NONE);
    }
    ++c.connect_attempts;
    // libmodbus waits for a TCP connect as long as the response timeout: set it for the connect only.
    SetTimeout(m.ctx, config_.connect_timeout, false);
    if (modbus_connect(m.ctx) == -1) {
      const int err = errno;
      modbus_close(m.ctx);
      report.transport_failed = true;
      report.error = modbus_strerror(err);
      ++c.connect_failures;
      Report(IngestErrorKind::kConnectFailed, endpoint, report.error);
      return report;
    }
    SetTimeout(m.ctx, config_.request_timeout, false);
    SetTimeout(m.ctx, config_.request_timeout, true);
    m.connected = true;
    connected_ = true;
    ++c.connections;
    LogInfo(kComponent, "connected", {{"device", config_.map.device_id}, {"endpoint", endpoint}});
  }
  report.connected = true;

  std::vector<Reading> readings;
  auto bad_for_request = [&](const ReadRequest& r, QualityReason reason, TimePoint ts) {
    for (std::size_t index : r.points) {
      readings.push_back(Reading{config_.map.points[index].point_id, std::nan(""), Quality::kBad, reason, ts});
    }
  };

  for (const ReadRequest& r : plan_) {
    ++report.requests;
    ++c.requests;
    int rc = -1;
    switch (r.table) {
      case RegisterTable::kHoldingRegister: rc = modbus_read_registers(m.ctx, r.start, r.count, m.registers.data()); break;
      case RegisterTable::kInputRegister:
        rc = modbus_read_input_registers(m.ctx, r.start, r.count, m.registers.data());
        break;
      case RegisterTable::kCoil: rc = modbus_read_bits(m.ctx, r.start, r.count, m.bits.data()); break;
      case RegisterTable::kDiscreteInput: rc = modbus_read_input_bits(m.ctx, r.start, r.count, m.bits.data()); break;
    }
    const int err = errno;
    const TimePoint ts = clock_.Now();
    if (rc >= 0) {
      // libmodbus checks the count against the request; a shorter block still decodes what it covers.
      const std::size_t n = static_cast<std::size_t>(std::min(rc, r.count));
      const std::vector<DecodedPoint> decoded =
          IsBitTable(r.table) ? DecodeBitResponse(config_.map, r, std::span(m.bits.data(), n))
                              : DecodeRegisterResponse(config_.map, r, std::span(m.registers.data(), n));
      bool short_response = false;
      for (const DecodedPoint& d : decoded) {
        Reading reading{config_.map.points[d.point].point_id, d.value, Quality::kGood, QualityReason::kNone, ts};
        if (!d.present) {
          reading.value = std::nan("");
          reading.quality = Quality::kBad;
          reading.reason = QualityReason::kMalformedResponse;
          short_response = true;
        } else if (!std::isfinite(d.value)) {
          reading.quality = Quality::kBad;
          reading.reason = QualityReason::kNonFinite;
        }
        readings.push_back(std::move(reading));
      }
      if (short_response) {
        ++report.malformed;
        ++c.malformed_responses;
        report.error = "short response: " + std::to_string(rc) + " of " + std::to_string(r.count);
        Report(IngestErrorKind::kMalformedResponse, Where(r), report.error);
      } else {
        ++report.succeeded;
      }
      continue;
    }

    report.error = modbus_strerror(err);
    switch (Classify(err)) {
      case Failure::kDeviceException:
        ++report.device_exceptions;
        ++c.device_exceptions;
        bad_for_request(r, QualityReason::kDeviceException, ts);
        Report(IngestErrorKind::kDeviceException, Where(r), report.error);
        continue;
      case Failure::kMalformed:
        ++report.malformed;
        ++c.malformed_responses;
        bad_for_request(r, QualityReason::kMalformedResponse, ts);
        Report(IngestErrorKind::kMalformedResponse, Where(r), report.error);
        // Drop whatever is left of the bad frame; libmodbus checks the transaction id of the next
        // response, so a late answer can never be taken for another request's.
        modbus_flush(m.ctx);
        continue;
      case Failure::kTimeout:
        ++c.timeouts;
        Report(IngestErrorKind::kTimeout, Where(r), report.error);
        break;
      case Failure::kConnectionLost:
      case Failure::kNone:
        ++c.connection_losses;
        Report(IngestErrorKind::kConnectionLost, Where(r), report.error);
        break;
    }
    // A timeout or a broken connection: the stream can no longer be trusted. Start afresh next time.
    report.transport_failed = true;
    modbus_close(m.ctx);
    m.connected = false;
    connected_ = false;
    break;
  }

  report.readings = readings.size();
  for (const Reading& r : readings) report.bad_readings += r.quality == Quality::kBad ? 1 : 0;
  c.readings += report.readings;
  c.bad_readings += report.bad_readings;
  if (!readings.empty()) sink_.OnReadings(std::move(readings));
  return report;
}

void ModbusPoller::Start() {
  std::lock_guard lock(run_mu_);
  if (thread_.joinable()) return;
  stop_ = false;
  thread_ = std::thread([this] { Run(); });
}

void ModbusPoller::Stop() {
  {
    std::lock_guard lock(run_mu_);
    stop_ = true;
  }
  run_cv_.notify_all();
  if (thread_.joinable()) thread_.join();
  std::lock_guard lock(poll_mu_);
  if (impl_->connected) {
    modbus_close(impl_->ctx);
    impl_->connected = false;
    connected_ = false;
  }
}

void ModbusPoller::Run() {
  int failures = 0;
  auto next = std::chrono::steady_clock::now();
  while (true) {
    {
      std::unique_lock lock(run_mu_);
      if (run_cv_.wait_until(lock, next, [this] { return stop_; })) return;
    }
    const auto started = std::chrono::steady_clock::now();
    const PollReport report = PollOnce();
    if (report.transport_failed) {
      ++failures;
      next = std::chrono::steady_clock::now() + BackoffDelay(config_.reconnect, failures);
    } else {
      failures = 0;
      // Fixed rate from the poll's start; after an overrun, poll again at once rather than catch up.
      next = std::max(started + config_.poll_period, std::chrono::steady_clock::now());
    }
  }
}

ModbusStats ModbusPoller::Stats() const {
  const Counters& c = *counters_;
  return ModbusStats{c.polls,      c.requests,          c.connect_attempts,  c.connect_failures,
                     c.connections, c.timeouts,         c.connection_losses, c.device_exceptions,
                     c.malformed_responses, c.readings, c.bad_readings};
}

}  // namespace safeloop::iot
