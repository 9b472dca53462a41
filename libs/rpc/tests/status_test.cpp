#include <catch2/catch.hpp>

#include "safeloop/rpc/status.hpp"

using namespace safeloop;

TEST_CASE("Status codes map one-to-one onto gRPC codes") {
  for (int i = 1; i <= 16; ++i) {
    Status s(static_cast<StatusCode>(i), "m");
    auto g = rpc::ToGrpcStatus(s, nullptr);
    CHECK(static_cast<int>(g.error_code()) == i);
    CHECK(g.error_message() == "m");
    auto back = rpc::FromGrpcStatus(g, nullptr);
    CHECK(back.code() == s.code());
  }
  CHECK(rpc::ToGrpcStatus(Status::Ok(), nullptr).ok());
  CHECK(rpc::FromGrpcStatus(grpc::Status::OK, nullptr).ok());
}
