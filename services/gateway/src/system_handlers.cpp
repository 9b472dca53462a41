#include "system_handlers.hpp"

#include "openapi.hpp"

namespace safeloop::gateway {

void AddSystemHandlers(RiskClient& client, const std::vector<RouteSpec>& routes, HandlerMap& handlers) {
  RiskClient* risk = &client;
  handlers["health"] = [risk](const std::shared_ptr<RequestContext>& ctx) {
    risk->CheckHealth([ctx](Status status) {
      if (status.ok()) {
        ctx->ReplyJson(web::http::status_codes::OK, {{"status", "ok"}});
      } else {
        web::http::http_response response(web::http::status_codes::ServiceUnavailable);
        response.set_body(nlohmann::json{{"status", "unavailable"}, {"reason", status.message()}}.dump(),
                          "application/json; charset=utf-8");
        ctx->Send(std::move(response), status.code());
      }
    });
  };

  auto document = std::make_shared<const std::string>(BuildOpenApi(routes).dump());
  handlers["getOpenApi"] = [document](const std::shared_ptr<RequestContext>& ctx) {
    web::http::http_response response(web::http::status_codes::OK);
    response.set_body(*document, "application/json; charset=utf-8");
    response.headers()["Cache-Control"] = "no-cache";
    ctx->Send(std::move(response));
  };
}

}  // namespace safeloop::gateway
