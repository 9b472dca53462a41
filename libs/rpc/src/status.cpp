#include "safeloop/rpc/status.hpp"

namespace safeloop::rpc {

grpc::Status ToGrpcStatus(const Status& status, grpc::ServerContext* context) {
  if (status.ok()) return grpc::Status::OK;
  if (context != nullptr && !status.field().empty()) context->AddTrailingMetadata(kErrorFieldKey, status.field());
  return grpc::Status(static_cast<grpc::StatusCode>(status.code()), status.message());
}

Status FromGrpcStatus(const grpc::Status& status, const grpc::ClientContext* context) {
  if (status.ok()) return Status::Ok();
  std::string field;
  if (context != nullptr) {
    const auto& trailers = context->GetServerTrailingMetadata();
    auto it = trailers.find(kErrorFieldKey);
    if (it != trailers.end()) field.assign(it->second.data(), it->second.size());
  }
  auto code = static_cast<int>(status.error_code());
  if (code < 0 || code > 16) code = static_cast<int>(StatusCode::kUnknown);
  return Status(static_cast<StatusCode>(code), status.error_message(), field);
}

}  // namespace safeloop::rpc
