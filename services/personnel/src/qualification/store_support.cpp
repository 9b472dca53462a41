#include "store_support.hpp"

#include "personnel_config.hpp"
#include "safeloop/db/outbox.hpp"
#include "safeloop/events/envelope.hpp"

namespace safeloop::personnel::qualification {

std::string DateColumn(const std::string& column, const std::string& alias) {
  return "to_char(" + column + ", 'YYYY-MM-DD') AS " + alias;
}

std::string MillisColumn(const std::string& column, const std::string& alias) {
  return "(extract(epoch from " + column + ") * 1000)::bigint AS " + alias;
}

std::string TextOrEmpty(const pqxx::field& f) { return f.is_null() ? std::string() : f.as<std::string>(); }

std::string InstantText(const pqxx::field& f) {
  return f.is_null() ? std::string() : FormatRfc3339(FromUnixMillis(f.as<std::int64_t>()));
}

std::optional<personnel_domain::Date> DateOf(const pqxx::field& f) {
  if (f.is_null()) return std::nullopt;
  return personnel_domain::ParseDate(f.as<std::string>());
}

std::string DateParam(const std::optional<personnel_domain::Date>& d) {
  return d ? personnel_domain::FormatDate(*d) : std::string();
}

int PageSize(int requested, int default_size, int max_size) {
  if (requested <= 0) return default_size;
  return requested > max_size ? max_size : requested;
}

void AppendEvent(pqxx::work& tx, const Clock& clock, const Actor& actor, const char* topic,
                 const std::string& aggregate_type, const std::string& aggregate_id, std::int64_t version,
                 const google::protobuf::Message& payload) {
  auto envelope = events::MakeEnvelope({topic, actor.enterprise_id, actor.park_id, aggregate_type, aggregate_id, version,
                                        "personnel", actor.request_id},
                                       payload, clock);
  db::AppendToOutbox(tx, kSchema, envelope);
}

}  // namespace safeloop::personnel::qualification
