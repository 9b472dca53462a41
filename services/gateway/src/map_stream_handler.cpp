#include "map_stream_handler.hpp"

#include "json_mapping.hpp"
#include "request_parsing.hpp"

namespace safeloop::gateway {

void AddMapStreamHandler(RiskClient& client, std::shared_ptr<StreamHub> hub, HandlerMap& handlers) {
  RiskClient* risk = &client;
  std::weak_ptr<StreamHub> weak_hub = hub;
  handlers["streamRiskMap"] = [risk, weak_hub](const std::shared_ptr<RequestContext>& ctx) {
    std::string map_id = ctx->Query("map_id");
    if (!map_id.empty()) {
      if (Status s = RequireUuid("map_id", map_id); !s.ok()) return ctx->ReplyError(s);
    }
    auto hub = weak_hub.lock();
    if (!hub) return ctx->ReplyError(Unavailable("the gateway is shutting down"));
    // Subscribe first, then take the snapshot: changes in between are held back and replayed.
    auto stream = hub->Open(ctx->claims->ent, map_id);

    riskpb::GetRiskMapRequest request;
    request.set_map_id(map_id);
    risk->GetRiskMap(ctx->call_meta(), std::move(request), [ctx, stream, weak_hub](Result<riskpb::RiskMapView> view) {
      LogScope scope(ctx->log_context());
      auto hub = weak_hub.lock();
      if (!view.ok() || !hub) {
        if (hub) hub->Remove(stream);
        ctx->ReplyError(view.ok() ? Unavailable("the gateway is shutting down") : view.status());
        return;
      }
      stream->SendSnapshot(RiskMapJson(*view), view->map().id(), view->version());

      web::http::http_response response(web::http::status_codes::OK);
      response.headers()["Cache-Control"] = "no-cache";
      response.headers()["X-Accel-Buffering"] = "no";  // nginx-style proxies must not buffer the stream
      response.set_body(stream->body(), "text/event-stream; charset=utf-8");
      LogInfo("sse", "risk map stream opened", {{"map_id", view->map().id()}, {"version", view->version()}});
      auto opened = std::chrono::steady_clock::now();
      // Completes when the stream ends: we closed it, or writing to the client failed (it went away).
      ctx->Reply(std::move(response)).then([stream, weak_hub, log = ctx->log_context(), opened](pplx::task<void> t) {
        LogScope scope(log);
        std::string reason = "closed";
        try {
          t.get();
        } catch (const std::exception& e) {
          reason = e.what();
        }
        if (auto hub = weak_hub.lock()) hub->Remove(stream);
        auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - opened).count();
        LogInfo("sse", "risk map stream ended",
                {{"reason", reason}, {"events", stream->events_sent()}, {"seconds", seconds}});
      });
    });
  };
}

}  // namespace safeloop::gateway
