#include "admin_handlers.hpp"

#include <cmath>
#include <memory>

#include "request_parsing.hpp"
#include "rfc3339.hpp"
#include "safeloop/core/log.hpp"

namespace safeloop::gateway {
namespace {
using Ctx = std::shared_ptr<RequestContext>;

const char* AuthModeName(AuthMode mode) {
  switch (mode) {
    case AuthMode::kPublic: return "public";
    case AuthMode::kBearer: return "bearer";
    case AuthMode::kBearerOrQueryToken: return "bearer_or_query_token";
  }
  return "bearer";
}

double Round2(double v) { return std::round(v * 100.0) / 100.0; }

nlohmann::json StatsItem(const std::string& operation_id, const RouteSpec* route, const RouteCounts& c) {
  double mean = c.count == 0 ? 0.0 : static_cast<double>(c.total_us) / 1000.0 / static_cast<double>(c.count);
  return {{"operation_id", operation_id},
          {"method", route != nullptr ? route->method : ""},
          {"pattern", route != nullptr ? route->pattern : ""},
          {"group", route != nullptr ? route->tag : ""},
          {"count", c.count},
          {"errors_4xx", c.errors_4xx},
          {"errors_5xx", c.errors_5xx},
          {"latency_ms",
           {{"mean", Round2(mean)},
            {"p50", Round2(PercentileMs(c.latency, 0.50))},
            {"p95", Round2(PercentileMs(c.latency, 0.95))},
            {"p99", Round2(PercentileMs(c.latency, 0.99))}}}};
}

// Runs `work` on the worker pool; UNAVAILABLE at once when the pool is saturated.
template <typename Work>
void OffPool(WorkerPool* workers, const Ctx& ctx, Work work) {
  bool queued = workers->Post([ctx, work = std::move(work)]() mutable {
    LogScope scope(ctx->log_context());
    work();
  });
  if (!queued) ctx->ReplyError(Unavailable("the gateway is busy with other administrative requests; retry shortly"));
}

}  // namespace

nlohmann::json ApiRoutesJson(const std::vector<RouteSpec>& routes) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& r : routes) {
    items.push_back({{"method", r.method},
                     {"pattern", r.pattern},
                     {"operation_id", r.operation_id},
                     {"summary", r.summary},
                     {"group", r.tag},
                     {"auth", AuthModeName(r.auth)},
                     {"permission", r.permission}});
  }
  return {{"items", std::move(items)}};
}

nlohmann::json ApiStatsJson(const std::vector<RouteSpec>& routes, const std::map<std::string, RouteCounts>& sums,
                            TimePoint since, TimePoint until, const std::string& route_filter) {
  nlohmann::json items = nlohmann::json::array();
  static const RouteCounts kNone;
  for (const auto& r : routes) {
    if (!route_filter.empty() && r.operation_id != route_filter) continue;
    auto it = sums.find(r.operation_id);
    items.push_back(StatsItem(r.operation_id, &r, it == sums.end() ? kNone : it->second));
  }
  if (auto it = sums.find(kUnmatchedRoute); it != sums.end() && (route_filter.empty() || route_filter == kUnmatchedRoute)) {
    items.push_back(StatsItem(kUnmatchedRoute, nullptr, it->second));
  }
  return {{"since", FormatRfc3339(since)}, {"until", FormatRfc3339(until)}, {"items", std::move(items)}};
}

Result<std::pair<TimePoint, TimePoint>> StatsWindow(const std::map<std::string, std::string>& query, TimePoint now) {
  TimePoint since = now - std::chrono::hours(1), until = now;
  for (const char* name : {"since", "until"}) {
    auto it = query.find(name);
    if (it == query.end() || it->second.empty()) continue;
    auto t = ParseRfc3339(it->second);
    if (!t) return InvalidArgument(std::string(name) + " must be an RFC 3339 date-time, e.g. 2026-11-23T08:00:00Z", name);
    (std::string_view(name) == "since" ? since : until) = *t;
  }
  since = std::max(since, now - std::chrono::duration_cast<TimePoint::duration>(kStatsRetention));
  if (until > now) until = now;
  if (since >= until) return InvalidArgument("since must lie before until (and within the last 8 days)", "since");
  return std::make_pair(since, until);
}

void AddAdminHandlers(AdminServices services, HandlerMap& handlers) {
  auto s = std::make_shared<const AdminServices>(std::move(services));

  handlers["listIpBlocklist"] = [s](const Ctx& ctx) {
    OffPool(s->workers, ctx, [s, ctx] {
      auto entries = s->blocklist->List();
      if (!entries.ok()) return ctx->ReplyError(entries.status());
      TimePoint now = s->clock->Now();
      nlohmann::json items = nlohmann::json::array();
      for (const auto& e : *entries) items.push_back(BlocklistEntryJson(e, now));
      ctx->ReplyJson(web::http::status_codes::OK, {{"items", std::move(items)}});
    });
  };

  handlers["addIpBlocklistEntry"] = [s](const Ctx& ctx) {
    auto entry = ParseNewBlocklistEntry(ctx->body, s->clock->Now());
    if (!entry.ok()) return ctx->ReplyError(entry.status());
    // An administrator who blocks their own address locks themselves out of undoing it.
    if (auto own = IpAddress::Parse(ctx->client_address); own && entry->network.Contains(*own)) {
      return ctx->ReplyError(FailedPrecondition(
          entry->network.ToString() + " contains your own address " + ctx->client_address + "; refusing to block it",
          "cidr"));
    }
    OffPool(s->workers, ctx, [s, ctx, entry = std::move(*entry)] {
      auto added = s->blocklist->Add(entry, ctx->claims->sub, ctx->claims->ent);
      if (!added.ok()) return ctx->ReplyError(added.status());
      LogInfo("edge", "IP blocklist entry added", {{"cidr", added->network}, {"by", added->created_by}});
      // In force on every replica once the mirror has it; if Redis is away the entry is durable and the
      // sync thread retries.
      if (Status synced = s->blocklist_sync->SyncNow(); !synced.ok()) {
        LogWarn("edge", "blocklist mirror not updated yet; retrying", {{"error", synced.ToString()}});
        s->blocklist_sync->Poke();
      }
      ctx->ReplyJson(web::http::status_codes::Created, BlocklistEntryJson(*added, s->clock->Now()));
    });
  };

  handlers["deleteIpBlocklistEntry"] = [s](const Ctx& ctx) {
    std::string id = ctx->Param("entry_id");
    if (Status valid = RequireUuid("entry_id", id); !valid.ok()) return ctx->ReplyError(valid);
    OffPool(s->workers, ctx, [s, ctx, id] {
      auto removed = s->blocklist->Remove(id);
      if (!removed.ok()) return ctx->ReplyError(removed.status());
      LogInfo("edge", "IP blocklist entry removed", {{"cidr", removed->network}, {"by", ctx->claims->sub}});
      if (Status synced = s->blocklist_sync->SyncNow(); !synced.ok()) {
        LogWarn("edge", "blocklist mirror not updated yet; retrying", {{"error", synced.ToString()}});
        s->blocklist_sync->Poke();
      }
      ctx->ReplyJson(web::http::status_codes::OK, BlocklistEntryJson(*removed, s->clock->Now()));
    });
  };

  auto routes_json = std::make_shared<const nlohmann::json>(ApiRoutesJson(s->routes));
  handlers["listApiRoutes"] = [routes_json](const Ctx& ctx) { ctx->ReplyJson(web::http::status_codes::OK, *routes_json); };

  handlers["getApiStats"] = [s](const Ctx& ctx) {
    auto window = StatsWindow(ctx->query, s->clock->Now());
    if (!window.ok()) return ctx->ReplyError(window.status());
    std::string route = ctx->Query("route");
    OffPool(s->workers, ctx, [s, ctx, window = *window, route] {
      auto sums = ReadRouteStats(*s->redis, window.first, window.second);
      if (!sums.ok()) return ctx->ReplyError(sums.status());
      ctx->ReplyJson(web::http::status_codes::OK, ApiStatsJson(s->routes, *sums, window.first, window.second, route));
    });
  };

  handlers["listAuditLog"] = [s](const Ctx& ctx) {
    if (ctx->claims->ent.empty()) {
      // The audit log is an enterprise's own record; park and platform accounts have none to read.
      return ctx->ReplyError(PermissionDenied("the audit log is read within one enterprise; this token names none"));
    }
    auto query = ParseAuditQuery(ctx->query);
    if (!query.ok()) return ctx->ReplyError(query.status());
    OffPool(s->workers, ctx, [s, ctx, query = *query] {
      auto page = s->audit->List(ctx->claims->ent, query);  // the tenant comes from the token only
      if (!page.ok()) return ctx->ReplyError(page.status());
      nlohmann::json items = nlohmann::json::array();
      for (const auto& r : page->items) items.push_back(AuditRecordJson(r));
      nlohmann::json body = {{"items", std::move(items)}};
      body["next_cursor"] = page->next_cursor.empty() ? nlohmann::json(nullptr) : nlohmann::json(page->next_cursor);
      ctx->ReplyJson(web::http::status_codes::OK, body);
    });
  };
}

}  // namespace safeloop::gateway
