#pragma once
/// @file server.hpp
/// The gRPC server every service runs: standard health service (grpc.health.v1, for Kubernetes probes)
/// and reflection (grpcurl), the metrics interceptor (safeloop_rpc_* for every method), a bounded sync
/// thread pool, and a graceful shutdown: NOT_SERVING first, then drain in-flight calls until a deadline.

#include <grpcpp/grpcpp.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "safeloop/core/config.hpp"
#include "safeloop/core/status.hpp"
#include "safeloop/obs/metrics.hpp"

namespace safeloop::rpc {

struct ServerOptions {
  HostPort address;
  std::string service_label;                  // metrics label, e.g. "risk"
  std::vector<grpc::Service*> services;       // owned by the caller, must outlive the server
  std::vector<std::string> health_names;      // e.g. "safeloop.risk.v1.RiskService"
  int max_threads = 64;  // sync handlers block on the DB pool; the pool, not this, bounds DB load
  int max_receive_bytes = 4 << 20;  // gRPC's default; raise it for services that take files (photos, xlsx)
};

class GrpcServer {
 public:
  GrpcServer(ServerOptions options, prometheus::Registry& registry);
  ~GrpcServer();
  /// Binds and starts serving; UNAVAILABLE when the port cannot be bound.
  Status Start();
  /// The port actually bound (useful with port 0 in tests).
  int port() const { return port_; }
  /// Marks the service NOT_SERVING, waits for in-flight calls up to `drain`, then cancels the rest.
  void Shutdown(std::chrono::milliseconds drain);

 private:
  ServerOptions options_;
  prometheus::Registry& registry_;
  std::unique_ptr<grpc::Server> server_;
  int port_ = 0;
};

}  // namespace safeloop::rpc
