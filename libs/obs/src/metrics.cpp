#include "safeloop/obs/metrics.hpp"

namespace safeloop::obs {

MetricsServer::MetricsServer(const HostPort& bind_address)
    : registry_(std::make_shared<prometheus::Registry>()),
      exposer_(std::make_unique<prometheus::Exposer>(bind_address.ToString(), 1)) {
  exposer_->RegisterCollectable(registry_);
}

MetricsServer::MetricsServer() : registry_(std::make_shared<prometheus::Registry>()) {}

prometheus::Histogram::BucketBoundaries LatencyBuckets() {
  return {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0};
}

RpcMetrics::RpcMetrics(prometheus::Registry& registry, std::string service)
    : service_(std::move(service)),
      requests_(prometheus::BuildCounter()
                    .Name("safeloop_rpc_requests_total")
                    .Help("RPCs handled, by method and final status code")
                    .Register(registry)),
      latency_(prometheus::BuildHistogram()
                   .Name("safeloop_rpc_latency_seconds")
                   .Help("RPC handling time")
                   .Register(registry)),
      in_flight_(prometheus::BuildGauge()
                     .Name("safeloop_rpc_in_flight")
                     .Help("RPCs being handled now")
                     .Register(registry)
                     .Add({{"service", service_}})) {}

void RpcMetrics::Started() { in_flight_.Increment(); }

void RpcMetrics::Finished(const std::string& method, StatusCode code, std::chrono::steady_clock::duration elapsed) {
  in_flight_.Decrement();
  std::lock_guard lock(mutex_);
  requests_.Add({{"service", service_}, {"method", method}, {"code", std::string(StatusCodeName(code))}}).Increment();
  latency_.Add({{"service", service_}, {"method", method}}, LatencyBuckets())
      .Observe(std::chrono::duration<double>(elapsed).count());
}

}  // namespace safeloop::obs
