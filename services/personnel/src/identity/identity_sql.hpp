#pragma once
// Helpers shared by the pg_identity_store_*.cpp files: column lists, row mapping, the actor's transaction,
// session revocation and event appending. Internal to the store.

#include <google/protobuf/message.h>

#include <pqxx/pqxx>

#include <optional>
#include <string>
#include <vector>

#include "identity_model.hpp"
#include "safeloop/core/clock.hpp"
#include "safeloop/db/transaction.hpp"
#include "safeloop/events/v1/personnel_identity_events.pb.h"

namespace safeloop::personnel::identity::sql {

/// `(extract(epoch from <column>) * 1000)::bigint`: timestamps travel as epoch milliseconds (NULL stays NULL).
std::string Ms(const std::string& column);
TimePoint TimeOf(const pqxx::field& f);
std::optional<TimePoint> OptionalTimeOf(const pqxx::field& f);
/// Milliseconds for a parameter, -1 for none (the SQL turns -1 into NULL with ToTs).
std::int64_t MsParam(const std::optional<TimePoint>& t);
/// SQL turning a millisecond parameter into timestamptz (NULL for -1), e.g. ToTs("$3").
std::string ToTs(const std::string& param);

/// SELECT of an account with its person's name and unit; append WHERE/ORDER yourself.
const std::string& AccountSelect();
AccountRecord AccountFromRow(const pqxx::row& r);
/// Fills `roles` of each account in one query.
void AttachRoles(pqxx::transaction_base& tx, std::vector<AccountRecord>& accounts);
std::optional<AccountRecord> LoadAccount(pqxx::transaction_base& tx, const std::string& account_id);

/// Ends the live sessions of an account (all, or all but `keep_session`); returns their ids.
std::vector<std::string> RevokeSessions(pqxx::transaction_base& tx, const std::string& account_id,
                                        const std::string& reason, const std::string& keep_session = {});

struct EventTarget {
  const char* topic;
  std::string enterprise_id;
  std::string park_id;
  const char* aggregate_type;
  std::string aggregate_id;
  int version;
  std::string request_id;
};
/// Appends to the outbox. Park rows (no enterprise) have no outbox stream: the outbox is keyed by enterprise.
void AppendEvent(pqxx::work& tx, const Clock& clock, const EventTarget& target,
                 const google::protobuf::Message& payload);
void FillSnapshot(const AccountRecord& account, events::v1::AccountSnapshot& out);
EventTarget AccountTarget(const AccountRecord& account, const std::string& request_id);

/// Runs `fn` in the actor's tenant: its park's rows for a park account, else its enterprise's.
template <typename R, typename Fn>
R InActorTransaction(db::ConnectionPool& pool, const Actor& actor, Fn&& fn) {
  if (actor.park_account) return db::InParkTransaction<R>(pool, actor.park_id, std::forward<Fn>(fn));
  return db::InTenantTransaction<R>(pool, actor.enterprise_id, std::forward<Fn>(fn));
}

/// Enters the tenant of an account found as the owner (enterprise, or park for a park account).
void EnterAccountTenant(pqxx::work& tx, const std::string& enterprise_id, const std::string& park_id);

}  // namespace safeloop::personnel::identity::sql
