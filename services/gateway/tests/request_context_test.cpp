#include <catch2/catch.hpp>

#include "request_context.hpp"
#include "safeloop/core/uuid.hpp"

using namespace safeloop;
using namespace safeloop::gateway;

TEST_CASE("sane request ids are kept, others replaced by a UUIDv7") {
  CHECK(RequestIdFrom("e2e-req-42") == "e2e-req-42");
  CHECK(RequestIdFrom("01a2067b-e049-7168-a7be-80008399c4f4") == "01a2067b-e049-7168-a7be-80008399c4f4");
  CHECK(RequestIdFrom("trace:abc.def_1") == "trace:abc.def_1");
  for (const char* bad : {"", "has space", "<script>", "新", "a\nb"}) {
    INFO(bad);
    CHECK(UuidVersion(RequestIdFrom(bad)) == 7);
  }
  CHECK(UuidVersion(RequestIdFrom(std::string(129, 'a'))) == 7);
  CHECK(RequestIdFrom(std::string(128, 'a')) == std::string(128, 'a'));
}

TEST_CASE("call metadata and log context come from the request") {
  RequestContext ctx(web::http::http_request(web::http::methods::GET), "req-1", nullptr);
  ctx.token = "t.t.t";
  ctx.params["map_id"] = "m";
  ctx.query["access_token"] = "q";
  CHECK(ctx.call_meta().token == "t.t.t");
  CHECK(ctx.call_meta().request_id == "req-1");
  CHECK(ctx.Param("map_id") == "m");
  CHECK(ctx.Param("area_id").empty());
  CHECK(ctx.Query("access_token") == "q");
  CHECK(ctx.log_context().enterprise_id.empty());
  auth::Claims claims;
  claims.ent = "e";
  claims.park = "p";
  ctx.claims = claims;
  CHECK(ctx.log_context().request_id == "req-1");
  CHECK(ctx.log_context().enterprise_id == "e");
  CHECK(ctx.log_context().park_id == "p");
}
