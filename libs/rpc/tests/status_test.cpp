#include <catch2/catch.hpp>

#include "safeloop/common/v1/common.pb.h"
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

TEST_CASE("the offending field comes back from the trailers, plain or as a binary ErrorDetail") {
  grpc::Status invalid(grpc::StatusCode::INVALID_ARGUMENT, "l must be one of …");
  std::multimap<grpc::string_ref, grpc::string_ref> plain{{grpc::string_ref(rpc::kErrorFieldKey), grpc::string_ref("l")}};
  auto s = rpc::FromGrpcStatus(invalid, plain);
  CHECK(s.code() == StatusCode::kInvalidArgument);
  CHECK(s.field() == "l");
  CHECK(s.message() == "l must be one of …");

  safeloop::common::v1::ErrorDetail detail;
  detail.set_field("polygon");
  std::string bytes = detail.SerializeAsString();
  std::multimap<grpc::string_ref, grpc::string_ref> binary{{grpc::string_ref(rpc::kErrorDetailKey), grpc::string_ref(bytes)}};
  CHECK(rpc::FromGrpcStatus(invalid, binary).field() == "polygon");
  CHECK(rpc::FromGrpcStatus(invalid, std::multimap<grpc::string_ref, grpc::string_ref>{}).field().empty());
  CHECK(rpc::FromGrpcStatus(grpc::Status(static_cast<grpc::StatusCode>(99), "x"), nullptr).code() ==
        StatusCode::kUnknown);
}
