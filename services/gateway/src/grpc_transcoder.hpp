#pragma once
// Generic REST → gRPC routes: one handler serves any RouteSpec with a grpc_method. It builds the request
// message from the JSON body (or the raw body for uploads), the path and the query, calls the backend with
// gRPC's generic callback stub (never blocking the cpprestsdk thread), and answers with the response as
// JSON (or a file). Adding a backend call to the REST API is then one line in the route table.

#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>

#include <chrono>
#include <map>
#include <memory>
#include <string>

#include "handler.hpp"
#include "route_table.hpp"

namespace safeloop::gateway {

class GrpcTranscoder {
 public:
  /// `backends`: channel per RouteSpec::backend name ("personnel", "risk", …).
  GrpcTranscoder(std::map<std::string, std::shared_ptr<grpc::Channel>> backends, std::chrono::milliseconds deadline);
  ~GrpcTranscoder();

  /// The handler for `route`; INVALID_ARGUMENT describing the mistake when the route does not fit its method
  /// (unknown method or backend, a path parameter that is not a request field, a raw field that is not bytes).
  Result<Handler> HandlerFor(const RouteSpec& route) const;

  /// Checks every transcoded route and adds its handler; throws std::logic_error listing the bad routes.
  void AddHandlers(const std::vector<RouteSpec>& routes, HandlerMap& handlers) const;

 private:
  struct Backend {
    std::shared_ptr<grpc::Channel> channel;
    std::unique_ptr<grpc::GenericStub> stub;
  };
  std::map<std::string, Backend> backends_;
  std::chrono::milliseconds deadline_;
};

/// Fills the OpenAPI parts of transcoded routes from their method's messages: request_schema (for
/// methods with a body), response_schema and the query parameters. Unknown methods are left as they are
/// (HandlerFor reports them).
void DescribeTranscodedRoutes(std::vector<RouteSpec>& routes);

/// Adds the JSON Schemas of every message the transcoded routes use to `components`.
void AddTranscodedSchemas(const std::vector<RouteSpec>& routes, nlohmann::json& components);

}  // namespace safeloop::gateway
