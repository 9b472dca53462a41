#pragma once
// Test helpers for the end-to-end suite: HTTP calls to the running gateway (SAFELOOP_HTTP_ADDR) and tokens
// signed with the test profile's key (SAFELOOP_JWT_*). Each test makes its own tenant (a fresh UUIDv7
// enterprise), so tests never see each other's data.

#include <utility>  // before any Boost.Asio header (STACK.md §3.7)

#include <cpprest/http_client.h>

#include <chrono>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace safeloop::e2e {

/// "http://127.0.0.1:18080" from SAFELOOP_HTTP_ADDR.
std::string GatewayUrl();

struct HttpResult {
  int status = 0;
  std::string text;
  nlohmann::json json;  ///< parsed body (discarded when not JSON)
  std::map<std::string, std::string> headers;
  std::string Header(const std::string& name) const;
  /// error.field / error.code of a JSON error body ("" when absent).
  std::string ErrorField() const;
  std::string ErrorCode() const;
};

/// One request with an optional bearer token; `raw_body` is sent as is (for malformed JSON).
HttpResult Call(const std::string& method, const std::string& path, const std::string& token = "",
                const std::optional<nlohmann::json>& body = std::nullopt,
                const std::optional<std::string>& raw_body = std::nullopt,
                const std::map<std::string, std::string>& headers = {});

/// Repeats a GET until `done(result)` holds or `timeout` passes; returns the last result. For state the risk
/// service projects asynchronously (area levels, the live map), which may trail a write by up to a second.
HttpResult PollGet(const std::string& path, const std::string& token,
                   const std::function<bool(const HttpResult&)>& done,
                   std::chrono::milliseconds timeout = std::chrono::seconds(5));

/// A fresh enterprise (and park) for one test.
struct Tenant {
  std::string enterprise_id;
  std::string park_id;
  /// A token of this tenant, signed with the profile's key.
  std::string Token(std::vector<std::string> roles = {"safety_officer"},
                    std::chrono::seconds ttl = std::chrono::minutes(10)) const;
};
Tenant NewTenant();
/// A platform operator's token (the edge's IP blocklist and API statistics); it names no tenant.
std::string PlatformOperatorToken();

/// A token whose exp lies an hour in the past (beyond any leeway).
std::string ExpiredToken(const Tenant& tenant);
/// A well-formed token signed with a key the gateway does not know.
std::string ForeignKeyToken(const Tenant& tenant);

/// Creates map → area → risk point for `tenant` (REQUIREs each 201) and returns their ids.
struct Plant {
  std::string map_id, area_id, point_id;
};
/// `map_name` must be new in the tenant (tests on the long-lived demo tenants pass a unique one).
Plant CreatePlant(const std::string& token, const std::string& map_name = "一号厂区");

/// A random UUIDv7 (for ids that exist nowhere).
std::string RandomId();

}  // namespace safeloop::e2e
