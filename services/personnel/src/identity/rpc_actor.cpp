#include "rpc_actor.hpp"

#include <algorithm>

#include "safeloop/core/uuid.hpp"

namespace safeloop::personnel::identity {

std::string ClientMetadata(const grpc::ServerContext& context, const char* key, std::size_t max_bytes) {
  const auto& md = context.client_metadata();
  auto it = md.find(key);
  if (it == md.end()) return {};
  return std::string(it->second.data(), std::min(it->second.size(), max_bytes));
}

std::string NewRequestId() { return NewUuidV7(); }

}  // namespace safeloop::personnel::identity
