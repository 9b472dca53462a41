#include "error_mapping.hpp"

#include "safeloop/common/v1/common.pb.h"

namespace safeloop::gateway {

Status StatusFromGrpc(const grpc::Status& status,
                      const std::multimap<grpc::string_ref, grpc::string_ref>& trailing_metadata,
                      std::string_view backend) {
  if (status.ok()) return Status::Ok();
  // grpc::StatusCode and safeloop::StatusCode share the numbering of google.rpc.Code.
  int raw = static_cast<int>(status.error_code());
  auto code = (raw >= 0 && raw <= 16) ? static_cast<StatusCode>(raw) : StatusCode::kUnknown;

  std::string field;
  if (auto it = trailing_metadata.find(kErrorFieldKey); it != trailing_metadata.end()) {
    field.assign(it->second.data(), it->second.size());
  } else if (auto bin = trailing_metadata.find(kErrorDetailKey); bin != trailing_metadata.end()) {
    common::v1::ErrorDetail detail;
    if (detail.ParseFromArray(bin->second.data(), static_cast<int>(bin->second.size()))) field = detail.field();
  }

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
