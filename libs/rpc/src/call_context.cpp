#include "safeloop/rpc/call_context.hpp"

#include "safeloop/core/uuid.hpp"

namespace safeloop::rpc {
namespace {
std::string Metadata(const grpc::ServerContext& context, const char* key) {
  const auto& md = context.client_metadata();
  auto it = md.find(key);
  if (it == md.end()) return {};
  return std::string(it->second.data(), it->second.size());
}

// Request ids come from clients: accept only short, printable tokens so they are safe in logs.
bool SaneRequestId(const std::string& id) {
  if (id.empty() || id.size() > 128) return false;
  for (char c : id) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.')) return false;
  }
  return true;
}
}  // namespace

Result<CallContext> Authenticate(const grpc::ServerContext& context, const CallGuard& guard) {
  CallContext call;
  call.request_id = Metadata(context, "x-request-id");
  if (!SaneRequestId(call.request_id)) call.request_id = NewUuidV7();
  call.deadline = context.deadline();
  std::string header = Metadata(context, "authorization");
  constexpr std::string_view kBearer = "Bearer ";
  if (header.size() <= kBearer.size() || header.compare(0, kBearer.size(), kBearer) != 0) {
    return Unauthenticated("missing bearer token in the authorization metadata");
  }
  auto claims = guard.verifier->Verify(std::string_view(header).substr(kBearer.size()));
  if (!claims.ok()) return claims.status();
  call.caller = std::move(claims).value();
  return call;
}

}  // namespace safeloop::rpc
