#pragma once
// Records of the identity module → their proto messages (times as RFC 3339 text).

#include "auth_flows.hpp"
#include "identity_model.hpp"
#include "safeloop/personnel/v1/identity.pb.h"

namespace safeloop::personnel::identity {

void ToProto(const AccountRecord& in, v1::Account& out);
void ToProto(const RoleRecord& in, v1::Role& out);
void ToProto(const TokenPairOut& in, v1::TokenPair& out);
void ToProto(const MeView& in, const Actor& actor, v1::MeResponse& out);

}  // namespace safeloop::personnel::identity
