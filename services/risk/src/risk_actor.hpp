#pragma once
// Who is acting, from the verified token: every store call of the risk service takes one.

#include <string>

#include "safeloop/rpc/call_context.hpp"

namespace safeloop::risk {

struct Actor {
  std::string enterprise_id;
  std::string park_id;
  std::string subject;
  std::string request_id;
};

inline Actor ActorOf(const rpc::CallContext& call) {
  return {call.caller.ent, call.caller.park, call.caller.sub, call.request_id};
}

}  // namespace safeloop::risk
