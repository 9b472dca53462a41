#include "safeloop/rpc/status.hpp"

#include "safeloop/common/v1/common.pb.h"

namespace safeloop::rpc {

grpc::Status ToGrpcStatus(const Status& status, grpc::ServerContext* context) {
  if (status.ok()) return grpc::Status::OK;
  if (context != nullptr && !status.field().empty()) context->AddTrailingMetadata(kErrorFieldKey, status.field());
  return grpc::Status(static_cast<grpc::StatusCode>(status.code()), status.message());
}

Status FromGrpcStatus(const grpc::Status& status, const std::multimap<grpc::string_ref, grpc::string_ref>& trailers) {
  if (status.ok()) return Status::Ok();
  std::string field;
  if (auto it = trailers.find(kErrorFieldKey); it != trailers.end()) {
    field.assign(it->second.data(), it->second.size());
  } else if (auto bin = trailers.find(kErrorDetailKey); bin != trailers.end()) {
    common::v1::ErrorDetail detail;
    if (detail.ParseFromArray(bin->second.data(), static_cast<int>(bin->second.size()))) field = detail.field();
  }
  // grpc::StatusCode and safeloop::StatusCode share the numbering of google.rpc.Code.
  auto code = static_cast<int>(status.error_code());
  if (code < 0 || code > 16) code = static_cast<int>(StatusCode::kUnknown);
  return Status(static_cast<StatusCode>(code), status.error_message(), field);
}

Status FromGrpcStatus(const grpc::Status& status, const grpc::ClientContext* context) {
  if (context == nullptr) return FromGrpcStatus(status, std::multimap<grpc::string_ref, grpc::string_ref>{});
  return FromGrpcStatus(status, context->GetServerTrailingMetadata());
}

}  // namespace safeloop::rpc
