#pragma once
// Appends a tenancy event to personnel.outbox inside the caller's transaction (the state change and its
// event commit together or not at all).

#include <google/protobuf/message.h>

#include <pqxx/pqxx>

#include <string>

#include "tenancy/tenancy_common.hpp"

namespace safeloop::personnel::tenancy {

struct EventTarget {
  const char* topic;
  std::string enterprise_id;   // the enterprise the event belongs to (a park account edits another's)
  const char* aggregate_type;  // "enterprise" | "org_unit" | "person"
  std::string aggregate_id;
  int aggregate_version = 0;
};

void AppendEvent(pqxx::work& tx, const Actor& actor, const EventTarget& target, const google::protobuf::Message& payload,
                 const Clock& clock);

}  // namespace safeloop::personnel::tenancy
