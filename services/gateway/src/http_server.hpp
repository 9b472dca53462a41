#pragma once
// The cpprestsdk listener in front of the Dispatcher.

#include <utility>  // before any Boost.Asio header (STACK.md §3.7)

#include <cpprest/http_listener.h>

#include "dispatcher.hpp"
#include "safeloop/core/config.hpp"

namespace safeloop::gateway {

class HttpServer {
 public:
  /// `dispatcher` must outlive the server.
  HttpServer(const HostPort& address, Dispatcher& dispatcher);
  /// Starts listening; throws on bind failure. Call from main, not from a pool thread (it waits).
  void Open();
  /// Stops accepting and waits for open connections to finish (close SSE streams first).
  void Close();

 private:
  web::http::experimental::listener::http_listener listener_;
};

}  // namespace safeloop::gateway
