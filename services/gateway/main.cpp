// safeloop-gateway: the REST edge. Only wiring lives here; see src/ for the parts.
#include <utility>  // before any Boost.Asio header (STACK.md §3.7)

#include <pplx/threadpool.h>

#include <iostream>
#include <thread>

#include "dispatcher.hpp"
#include "edge_runtime.hpp"
#include "gateway_config.hpp"
#include "grpc_transcoder.hpp"
#include "http_server.hpp"
#include "map_stream_handler.hpp"
#include "risk_handlers.hpp"
#include "safeloop/cache/redis.hpp"
#include "safeloop/core/termination.hpp"
#include "system_handlers.hpp"

using namespace safeloop;
using namespace safeloop::gateway;

int main() try {
  EnvReader env;
  GatewayConfig config = GatewayConfig::FromEnv(env);
  SetLogLevel(config.log_level);
  BlockTerminationSignals();  // before any thread starts, so only sigwait below sees them
  crossplat::threadpool::initialize_with_threads(std::max(2u, std::thread::hardware_concurrency()));

  obs::MetricsServer metrics(config.metrics_addr);
  obs::RpcMetrics rpc_metrics(metrics.registry(), "gateway");
  SystemClock clock;
  auto verifier = auth::JwtVerifier::Create(config.jwt, clock);
  if (!verifier.ok()) throw ConfigError({verifier.status().message()});
  Authenticator authenticator(*verifier);

  RiskClient risk(MakeBackendChannel(config.risk_addr.ToString()), config.rpc_deadline);
  auto hub = std::make_shared<StreamHub>(metrics.registry(), config.sse_keepalive);
  cache::RedisSubscriber changes(
      cache::RedisOptions{config.redis_addr}, {std::string(kRiskMapChangesPattern)},
      [&hub](const std::string& channel, const std::string& payload) { hub->Dispatch(channel, payload); },
      [&hub] { hub->CloseAll(); });  // changes may have been missed: clients reconnect for a fresh snapshot

  auto routes = GatewayRoutes();
  EdgeRuntime edge(config, metrics.registry(), clock, routes);  // migrations of the gateway schema first
  HandlerMap handlers;
  AddSystemHandlers(risk, routes, handlers);
  AddRiskHandlers(risk, handlers);
  AddMapStreamHandler(risk, hub, handlers);
  // Generic REST → gRPC routes (round robin over each backend's pods).
  GrpcTranscoder transcoder({{"personnel", MakeBackendChannel(config.personnel_addr.ToString())},
                             {"risk", MakeBackendChannel(config.risk_addr.ToString())}},
                            config.rpc_deadline);
  transcoder.AddHandlers(routes, handlers);
  AddAdminHandlers(edge.AdminServicesFor(routes), handlers);
  Dispatcher dispatcher(Router(routes), std::move(handlers), authenticator, StaticFiles(config.web_root),
                        &rpc_metrics, &edge.edge());
  edge.Start();
  HttpServer server(config.http_addr, dispatcher);
  server.Open();
  LogInfo("gateway", "listening", {{"http", config.http_addr.ToString()}, {"risk", config.risk_addr.ToString()},
                                   {"metrics", config.metrics_addr.ToString()}, {"web_root", config.web_root}});

  int signal = WaitForTerminationSignal();
  LogInfo("gateway", "shutting down", {{"signal", signal}});
  hub->Shutdown();  // open streams would otherwise keep the listener's close waiting
  hub->WaitUntilEmpty(std::chrono::seconds(2));  // let their final chunks go out
  server.Close();
  edge.Stop();  // flushes statistics and the audit queue
  changes.Stop();
  return 0;
} catch (const ConfigError& e) {
  std::cerr << "safeloop-gateway: " << e.what() << "\n";
  return 2;
} catch (const std::exception& e) {
  std::cerr << "safeloop-gateway: " << e.what() << "\n";
  return 1;
}
