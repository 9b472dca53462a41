#include "error_mapping.hpp"

#include "safeloop/rpc/status.hpp"

namespace safeloop::gateway {

Status StatusFromGrpc(const grpc::Status& status,
                      const std::multimap<grpc::string_ref, grpc::string_ref>& trailing_metadata,
                      std::string_view backend) {
  Status base = rpc::FromGrpcStatus(status, trailing_metadata);
  if (base.ok()) return base;
  StatusCode code = base.code();
  std::string field = base.field();
  std::string message = status.error_message();
  std::string name(backend);
  switch (code) {
    case StatusCode::kUnavailable:
      message = "the " + name + " service is unavailable" + (message.empty() ? "" : ": " + message);
      break;
    case StatusCode::kDeadlineExceeded:
      message = "the " + name + " service did not answer in time" + (message.empty() ? "" : ": " + message);
      break;
    default:
      if (message.empty()) message = "the " + name + " service answered " + std::string(StatusCodeName(code));
      break;
  }
  return Status(code, std::move(message), std::move(field));
}

nlohmann::json ErrorJson(const Status& status, const std::string& request_id) {
  nlohmann::json error = {{"code", StatusCodeName(status.code())}, {"message", status.message()}};
  if (!status.field().empty()) error["field"] = status.field();
  error["request_id"] = request_id;
  return {{"error", std::move(error)}};
}

}  // namespace safeloop::gateway
