#include <catch2/catch.hpp>

#include "safeloop/core/status.hpp"

using namespace safeloop;

TEST_CASE("status codes round-trip through their names and map to HTTP") {
  for (int i = 0; i <= 16; ++i) {
    auto code = static_cast<StatusCode>(i);
    auto name = StatusCodeName(code);
    REQUIRE(StatusCodeFromName(name) == code);
  }
  REQUIRE_FALSE(StatusCodeFromName("NOPE").has_value());
  CHECK(HttpStatusFor(StatusCode::kInvalidArgument) == 400);
  CHECK(HttpStatusFor(StatusCode::kUnauthenticated) == 401);
  CHECK(HttpStatusFor(StatusCode::kPermissionDenied) == 403);
  CHECK(HttpStatusFor(StatusCode::kNotFound) == 404);
  CHECK(HttpStatusFor(StatusCode::kAlreadyExists) == 409);
  CHECK(HttpStatusFor(StatusCode::kUnavailable) == 503);
  CHECK(IsRetryable(StatusCode::kUnavailable));
  CHECK_FALSE(IsRetryable(StatusCode::kInvalidArgument));
}

TEST_CASE("Result holds a value or an error") {
  Result<int> good = 7;
  REQUIRE(good.ok());
  CHECK(*good == 7);
  CHECK(good.status().ok());

  Result<int> bad = InvalidArgument("l must be one of 0.1..10", "l");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.status().code() == StatusCode::kInvalidArgument);
  CHECK(bad.status().field() == "l");
  CHECK(bad.status().ToString() == "INVALID_ARGUMENT: l must be one of 0.1..10 [field l]");
}

namespace {
Status Fails() { return NotFound("area 1 not found", "area_id"); }
Status Chains() {
  SAFELOOP_RETURN_IF_ERROR(Status::Ok());
  SAFELOOP_RETURN_IF_ERROR(Fails());
  return Internal("unreachable");
}
}  // namespace

TEST_CASE("SAFELOOP_RETURN_IF_ERROR propagates the first failure") {
  CHECK(Chains().code() == StatusCode::kNotFound);
}
