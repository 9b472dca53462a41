#pragma once
// What the tenancy module's stores and handlers share: who is acting, the topics, input checks that need no
// database (each failure names its field), and the SQL text for times and dates.
// The API messages (v1::Enterprise, v1::OrgUnit, v1::Person) double as the module's records: the events
// carry the same shapes, so there is one mapping (row -> message) per entity, in its store.

#include <string>
#include <string_view>

#include "safeloop/core/clock.hpp"
#include "safeloop/core/status.hpp"
#include "safeloop/db/sql_text.hpp"
#include "safeloop/rpc/call_context.hpp"

namespace safeloop::personnel::tenancy {

inline constexpr const char* kEnterpriseTopic = "safeloop.personnel.enterprise.v1";
inline constexpr const char* kOrgUnitTopic = "safeloop.personnel.org_unit.v1";
inline constexpr const char* kPersonTopic = "safeloop.personnel.person.v1";
inline constexpr const char* kProducer = "personnel";

/// Who is acting, from the verified token.
struct Actor {
  std::string enterprise_id;
  std::string park_id;
  std::string subject;
  std::string request_id;
};
Actor ActorOf(const rpc::CallContext& call);

Status RequireUuid(std::string_view value, const std::string& field);
/// "" or a real calendar date written YYYY-MM-DD.
Status ValidateOptionalDate(std::string_view value, const std::string& field);
/// Non-blank, valid UTF-8, at most `max_chars` characters (Chinese message naming `label`).
Status RequireText(std::string_view value, const std::string& field, std::string_view label, long max_chars);
/// Valid UTF-8 of at most `max_chars` characters (may be empty).
Status OptionalText(std::string_view value, const std::string& field, std::string_view label, long max_chars);

/// Today's date in China (UTC+8), YYYY-MM-DD: the date a user means by "today".
std::string TodayInChina(const Clock& clock);

using db::SqlDate;  // safeloop/db/sql_text.hpp
using db::PinyinOrder;
using db::SqlTime;

using db::StaleVersion;

/// Moves a store's answer into the response message, or passes its error on.
template <typename T>
Status Fill(Result<T> result, T& out) {
  if (!result.ok()) return result.status();
  out = std::move(*result);
  return Status::Ok();
}

}  // namespace safeloop::personnel::tenancy
