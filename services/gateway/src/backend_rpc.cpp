#include "backend_rpc.hpp"

namespace safeloop::gateway {

RouteSpec BackendRpc(std::string backend, std::string method, std::string pattern, std::string operation_id,
                     std::string summary, std::string tag, std::string_view permission, std::string grpc_method,
                     int success_status) {
  RouteSpec r;
  r.method = std::move(method);
  r.pattern = std::move(pattern);
  r.operation_id = std::move(operation_id);
  r.summary = std::move(summary);
  r.tag = std::move(tag);
  r.auth = AuthMode::kBearer;
  r.permission = std::string(permission);
  r.success_status = success_status;
  r.backend = std::move(backend);
  r.grpc_method = std::move(grpc_method);
  return r;
}

}  // namespace safeloop::gateway
