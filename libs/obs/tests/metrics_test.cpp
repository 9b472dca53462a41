#include <catch2/catch.hpp>

#include <prometheus/text_serializer.h>

#include "safeloop/obs/metrics.hpp"

using namespace safeloop;

TEST_CASE("RpcMetrics counts requests by method and code and tracks in-flight") {
  obs::MetricsServer server;  // no exposer
  obs::RpcMetrics metrics(server.registry(), "risk");
  metrics.Started();
  metrics.Started();
  metrics.Finished("AssessLec", StatusCode::kOk, std::chrono::milliseconds(3));
  metrics.Finished("AssessLec", StatusCode::kInvalidArgument, std::chrono::milliseconds(1));
  std::string text = prometheus::TextSerializer().Serialize(server.registry().Collect());
  CHECK(text.find(R"(safeloop_rpc_requests_total{code="OK",method="AssessLec",service="risk"} 1)") != std::string::npos);
  CHECK(text.find(R"(safeloop_rpc_requests_total{code="INVALID_ARGUMENT",method="AssessLec",service="risk"} 1)") !=
        std::string::npos);
  CHECK(text.find(R"(safeloop_rpc_in_flight{service="risk"} 0)") != std::string::npos);
  CHECK(text.find("safeloop_rpc_latency_seconds_bucket") != std::string::npos);
}
