#include <catch2/catch.hpp>

#include "error_mapping.hpp"
#include "safeloop/rpc/status.hpp"
#include "safeloop/common/v1/common.pb.h"

using namespace safeloop;
using namespace safeloop::gateway;

namespace {
using Trailers = std::multimap<grpc::string_ref, grpc::string_ref>;
}

TEST_CASE("gRPC codes map to the HTTP statuses of docs/API.md") {
  struct Row {
    grpc::StatusCode grpc;
    int http;
    const char* name;
  };
  const std::vector<Row> rows = {
      {grpc::StatusCode::INVALID_ARGUMENT, 400, "INVALID_ARGUMENT"},
      {grpc::StatusCode::FAILED_PRECONDITION, 400, "FAILED_PRECONDITION"},
      {grpc::StatusCode::OUT_OF_RANGE, 400, "OUT_OF_RANGE"},
      {grpc::StatusCode::UNAUTHENTICATED, 401, "UNAUTHENTICATED"},
      {grpc::StatusCode::PERMISSION_DENIED, 403, "PERMISSION_DENIED"},
      {grpc::StatusCode::NOT_FOUND, 404, "NOT_FOUND"},
      {grpc::StatusCode::ALREADY_EXISTS, 409, "ALREADY_EXISTS"},
      {grpc::StatusCode::ABORTED, 409, "ABORTED"},
      {grpc::StatusCode::RESOURCE_EXHAUSTED, 429, "RESOURCE_EXHAUSTED"},
      {grpc::StatusCode::UNAVAILABLE, 503, "UNAVAILABLE"},
      {grpc::StatusCode::DEADLINE_EXCEEDED, 504, "DEADLINE_EXCEEDED"},
      {grpc::StatusCode::INTERNAL, 500, "INTERNAL"},
      {grpc::StatusCode::UNKNOWN, 500, "UNKNOWN"},
      {grpc::StatusCode::DATA_LOSS, 500, "DATA_LOSS"},
  };
  for (const auto& row : rows) {
    INFO(row.name);
    Status s = StatusFromGrpc(grpc::Status(row.grpc, "boom"), Trailers{});
    CHECK(HttpStatusFor(s.code()) == row.http);
    CHECK(StatusCodeName(s.code()) == row.name);
  }
}

TEST_CASE("the offending field comes from the trailing metadata") {
  Trailers trailers{{grpc::string_ref(rpc::kErrorFieldKey), grpc::string_ref("l")}};
  Status s = StatusFromGrpc(grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "L must be one of 10, 6, 3, 1, 0.5, 0.2, 0.1"),
                            trailers);
  CHECK(s.code() == StatusCode::kInvalidArgument);
  CHECK(s.field() == "l");
  CHECK(s.message() == "L must be one of 10, 6, 3, 1, 0.5, 0.2, 0.1");

  common::v1::ErrorDetail detail;
  detail.set_field("area_id");
  std::string bytes = detail.SerializeAsString();
  Trailers binary{{grpc::string_ref(rpc::kErrorDetailKey), grpc::string_ref(bytes)}};
  CHECK(StatusFromGrpc(grpc::Status(grpc::StatusCode::NOT_FOUND, "no such area"), binary).field() == "area_id");

  CHECK(StatusFromGrpc(grpc::Status(grpc::StatusCode::NOT_FOUND, "x"), Trailers{}).field().empty());
}

TEST_CASE("transport failures say which backend") {
  Status down = StatusFromGrpc(grpc::Status(grpc::StatusCode::UNAVAILABLE, "connection refused"), Trailers{});
  CHECK(down.message() == "the risk service is unavailable: connection refused");
  Status slow = StatusFromGrpc(grpc::Status(grpc::StatusCode::DEADLINE_EXCEEDED, "Deadline Exceeded"), Trailers{});
  CHECK_THAT(slow.message(), Catch::StartsWith("the risk service did not answer in time"));
  Status bare = StatusFromGrpc(grpc::Status(grpc::StatusCode::INTERNAL, ""), Trailers{});
  CHECK(bare.message() == "the risk service answered INTERNAL");
  CHECK(StatusFromGrpc(grpc::Status::OK, Trailers{}).ok());
}

TEST_CASE("error bodies") {
  auto with_field = ErrorJson(InvalidArgument("l must be a number", "l"), "req-1");
  CHECK(with_field == nlohmann::json::parse(
                          R"({"error":{"code":"INVALID_ARGUMENT","message":"l must be a number","field":"l","request_id":"req-1"}})"));
  auto without = ErrorJson(NotFound("no such map"), "req-2");
  CHECK_FALSE(without["error"].contains("field"));
  CHECK(without["error"]["code"] == "NOT_FOUND");
}
