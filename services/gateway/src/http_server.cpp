#include "http_server.hpp"

namespace safeloop::gateway {
namespace {
web::http::experimental::listener::http_listener_config ListenerConfig() {
  web::http::experimental::listener::http_listener_config config;
  config.set_backlog(128);  // default 0 = the OS minimum; bursts of browser connections need more
  return config;
}
}  // namespace

HttpServer::HttpServer(const HostPort& address, Dispatcher& dispatcher)
    : listener_(web::uri("http://" + address.ToString() + "/"), ListenerConfig()) {
  listener_.support([&dispatcher](web::http::http_request request) { dispatcher.Handle(std::move(request)); });
}

void HttpServer::Open() { listener_.open().wait(); }

void HttpServer::Close() { listener_.close().wait(); }

}  // namespace safeloop::gateway
