// The gRPC bootstrap every service uses: binds, serves the standard health service, reports a taken port,
// and stops serving on Shutdown. Uses a generic stub so the test needs no generated health code.
#include <catch2/catch.hpp>

#include <grpcpp/generic/generic_stub.h>

#include <future>

#include "safeloop/rpc/server.hpp"

using namespace safeloop;

namespace {

// grpc.health.v1.HealthCheckRequest{service} encoded by hand: field 1, length-delimited.
grpc::ByteBuffer HealthRequest(const std::string& service) {
  std::string bytes;
  if (!service.empty()) {
    bytes.push_back(0x0A);
    bytes.push_back(static_cast<char>(service.size()));
    bytes += service;
  }
  grpc::Slice slice(bytes);
  return grpc::ByteBuffer(&slice, 1);
}

// Returns the HealthCheckResponse.status (1 = SERVING, 2 = NOT_SERVING) or the gRPC error code as negative.
int CheckHealth(int port, const std::string& service) {
  auto channel = grpc::CreateChannel("127.0.0.1:" + std::to_string(port), grpc::InsecureChannelCredentials());
  grpc::GenericStub stub(channel);
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
  grpc::ByteBuffer request = HealthRequest(service);
  grpc::ByteBuffer response;
  std::promise<grpc::Status> done;
  stub.UnaryCall(&ctx, "/grpc.health.v1.Health/Check", grpc::StubOptions(), &request, &response,
                 [&](grpc::Status s) { done.set_value(s); });
  grpc::Status status = done.get_future().get();
  if (!status.ok()) return -static_cast<int>(status.error_code());
  std::vector<grpc::Slice> slices;
  response.Dump(&slices);
  std::string bytes;
  for (const auto& s : slices) bytes.append(reinterpret_cast<const char*>(s.begin()), s.size());
  return bytes.size() == 2 && bytes[0] == 0x08 ? bytes[1] : 0;  // status = field 1, varint
}

}  // namespace

TEST_CASE("the server serves health for the process and each named service, then shuts down") {
  obs::MetricsServer metrics;
  rpc::GrpcServer server({{"127.0.0.1", 0}, "test", {}, {"safeloop.test.v1.Nothing"}}, metrics.registry());
  REQUIRE(server.Start().ok());
  REQUIRE(server.port() > 0);
  CHECK(CheckHealth(server.port(), "") == 1);
  CHECK(CheckHealth(server.port(), "safeloop.test.v1.Nothing") == 1);
  CHECK(CheckHealth(server.port(), "safeloop.unknown.v1.Service") == -static_cast<int>(grpc::StatusCode::NOT_FOUND));
  int port = server.port();
  server.Shutdown(std::chrono::milliseconds(500));
  CHECK(CheckHealth(port, "") == -static_cast<int>(grpc::StatusCode::UNAVAILABLE));
}

TEST_CASE("a port that is taken is reported, not ignored") {
  obs::MetricsServer metrics;
  rpc::GrpcServer first({{"127.0.0.1", 0}, "a", {}, {}}, metrics.registry());
  REQUIRE(first.Start().ok());
  rpc::GrpcServer second({{"127.0.0.1", static_cast<std::uint16_t>(first.port())}, "b", {}, {}}, metrics.registry());
  auto status = second.Start();
  CHECK(status.code() == StatusCode::kUnavailable);
  CHECK(status.message().find(std::to_string(first.port())) != std::string::npos);
}
