#pragma once
/// @file metrics.hpp
/// One prometheus-cpp registry per process, owned by the composition root (main.cpp) and handed to every
/// component, plus the /metrics exposer. Components build their own families from it in their
/// constructors (metric ownership per component). Metric names: safeloop_<component>_<thing>_<unit>.
/// The Registry shared_ptr must outlive the exposer (the exposer only keeps a weak_ptr).

#include <prometheus/counter.h>
#include <prometheus/exposer.h>
#include <prometheus/family.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

#include <chrono>
#include <memory>
#include <mutex>
#include <string>

#include "safeloop/core/config.hpp"
#include "safeloop/core/status.hpp"

namespace safeloop::obs {

/// Registry + exposer. Construct once in main; pass `registry()` to components.
class MetricsServer {
 public:
  /// Binds the exposer (e.g. 127.0.0.1:9465; 0.0.0.0:port inside pods). Throws on bind failure.
  explicit MetricsServer(const HostPort& bind_address);
  /// No exposer (tests, tools).
  MetricsServer();
  prometheus::Registry& registry() { return *registry_; }
  std::shared_ptr<prometheus::Registry> shared_registry() { return registry_; }

 private:
  std::shared_ptr<prometheus::Registry> registry_;
  std::unique_ptr<prometheus::Exposer> exposer_;
};

/// Latency buckets 1 ms … 10 s, used by every latency histogram so dashboards can compare them.
prometheus::Histogram::BucketBoundaries LatencyBuckets();

/// Standard RPC metrics (server side of gRPC and the REST edge):
///   safeloop_rpc_requests_total{service,method,code}
///   safeloop_rpc_latency_seconds{service,method}
///   safeloop_rpc_in_flight{service}
class RpcMetrics {
 public:
  RpcMetrics(prometheus::Registry& registry, std::string service);
  void Started();
  void Finished(const std::string& method, StatusCode code, std::chrono::steady_clock::duration elapsed);

 private:
  std::string service_;
  prometheus::Family<prometheus::Counter>& requests_;
  prometheus::Family<prometheus::Histogram>& latency_;
  prometheus::Gauge& in_flight_;
  std::mutex mutex_;  // Family::Add is guarded, but we cache lookups per method
};

}  // namespace safeloop::obs
