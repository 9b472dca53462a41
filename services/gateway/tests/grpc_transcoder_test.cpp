// Route checks of the transcoder: mistakes in the route table are caught at start, not at the first call.
#include <catch2/catch.hpp>

#include "grpc_transcoder.hpp"

using namespace safeloop;
using namespace safeloop::gateway;

namespace {
RouteSpec Route(std::string method, std::string pattern, std::string grpc_method) {
  RouteSpec r;
  r.method = std::move(method);
  r.pattern = std::move(pattern);
  r.operation_id = "op";
  r.backend = "risk";
  r.grpc_method = std::move(grpc_method);
  return r;
}

GrpcTranscoder Transcoder() {
  auto channel = grpc::CreateChannel("127.0.0.1:1", grpc::InsecureChannelCredentials());
  return GrpcTranscoder({{"risk", channel}}, std::chrono::milliseconds(100));
}
}  // namespace

TEST_CASE("a route that fits its method gets a handler") {
  auto t = Transcoder();
  CHECK(t.HandlerFor(Route("GET", "/api/v1/x/{risk_point_id}", "safeloop.risk.v1.RiskService.GetRiskPoint")).ok());
}

TEST_CASE("route mistakes are reported with the route") {
  auto t = Transcoder();
  auto unknown = t.HandlerFor(Route("GET", "/a", "safeloop.risk.v1.RiskService.Nope"));
  CHECK_THAT(unknown.status().message(), Catch::Contains("no gRPC method safeloop.risk.v1.RiskService.Nope"));
  auto path = t.HandlerFor(Route("GET", "/a/{point}", "safeloop.risk.v1.RiskService.GetRiskPoint"));
  CHECK_THAT(path.status().message(), Catch::Contains("path parameter {point} is not a field"));
  auto backend = Route("GET", "/a", "safeloop.risk.v1.RiskService.ListPlantMaps");
  backend.backend = "hazard";
  CHECK_THAT(t.HandlerFor(backend).status().message(), Catch::Contains("no backend 'hazard'"));
  auto raw = Route("POST", "/a", "safeloop.risk.v1.RiskService.CreatePlantMap");
  raw.raw_request_field = "name";  // a string, not bytes
  CHECK_THAT(t.HandlerFor(raw).status().message(), Catch::Contains("raw_request_field 'name'"));

  HandlerMap handlers;
  CHECK_THROWS_WITH(t.AddHandlers({Route("GET", "/a", "safeloop.risk.v1.RiskService.Nope")}, handlers),
                    Catch::Contains("bad transcoded routes"));
}

TEST_CASE("transcoded routes are described from their messages") {
  std::vector<RouteSpec> routes = {Route("GET", "/a/{risk_point_id}", "safeloop.risk.v1.RiskService.ListAssessments"),
                                   Route("POST", "/a", "safeloop.risk.v1.RiskService.CreatePlantMap")};
  DescribeTranscodedRoutes(routes);
  CHECK(routes[0].response_schema == "risk.v1.ListAssessmentsResponse");
  CHECK(routes[0].request_schema.empty());
  CHECK(routes[0].query.empty());  // its only field is the path parameter
  CHECK(routes[1].request_schema == "risk.v1.CreatePlantMapRequest");
  nlohmann::json components = nlohmann::json::object();
  AddTranscodedSchemas(routes, components);
  CHECK(components.contains("risk.v1.CreatePlantMapRequest"));
  CHECK(components.contains("risk.v1.LecAssessment"));
}
