#pragma once
// What the qualification stores share: the acting caller (with the data scope of the tenancy module), SQL
// column snippets for dates and instants, page sizes, and event envelopes to the outbox.

#include <google/protobuf/message.h>

#include <optional>
#include <pqxx/pqxx>
#include <string>

#include "safeloop/core/clock.hpp"
#include "safeloop/personnel_domain/certificates.hpp"
#include "tenancy/data_scope.hpp"

namespace safeloop::personnel::qualification {

inline constexpr const char* kCertificateTopic = "safeloop.personnel.certificate.v1";
inline constexpr const char* kContractorTopic = "safeloop.personnel.contractor.v1";

/// Who is acting, from the verified token.
struct Actor {
  std::string enterprise_id;
  std::string park_id;
  std::string subject;     ///< account id
  std::string request_id;
  /// Which people's records the caller reaches (the token's scope, unit and person).
  tenancy::DataScope scope = tenancy::DataScope::All();
};

/// "to_char(<col>, 'YYYY-MM-DD') AS <alias>" (NULL stays NULL).
std::string DateColumn(const std::string& column, const std::string& alias);
/// "(extract(epoch from <col>) * 1000)::bigint AS <alias>" (NULL stays NULL).
std::string MillisColumn(const std::string& column, const std::string& alias);
/// "" for NULL, else the text.
std::string TextOrEmpty(const pqxx::field& f);
/// "" for NULL, else RFC 3339 of the epoch milliseconds.
std::string InstantText(const pqxx::field& f);
std::optional<personnel_domain::Date> DateOf(const pqxx::field& f);
/// "" or "YYYY-MM-DD" for SQL parameters written as NULLIF($n, '')::date.
std::string DateParam(const std::optional<personnel_domain::Date>& d);

/// Page size within 1..max (0 → default).
int PageSize(int requested, int default_size = 50, int max_size = 200);

/// Appends an event for `aggregate_type`/`aggregate_id` to personnel.outbox in the caller's transaction.
void AppendEvent(pqxx::work& tx, const Clock& clock, const Actor& actor, const char* topic,
                 const std::string& aggregate_type, const std::string& aggregate_id, std::int64_t version,
                 const google::protobuf::Message& payload);

}  // namespace safeloop::personnel::qualification
