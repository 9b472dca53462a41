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
  auto handle = [&dispatcher](web::http::http_request request) { dispatcher.Handle(std::move(request)); };
  listener_.support(handle);
  // cpprestsdk answers OPTIONS and TRACE itself unless they have handlers of their own: OPTIONS must reach
  // the edge (CORS preflights), and TRACE must not echo requests (cookies, tokens) back — the router
  // answers it 405 like any other method it does not serve.
  listener_.support(web::http::methods::OPTIONS, handle);
  listener_.support(web::http::methods::TRCE, handle);
}

void HttpServer::Open() { listener_.open().wait(); }

void HttpServer::Close() { listener_.close().wait(); }

}  // namespace safeloop::gateway
