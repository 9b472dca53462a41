#include "model/directory.hpp"

#include "safeloop/core/log.hpp"
#include "safeloop/core/uuid.hpp"
#include "safeloop/db/transaction.hpp"
#include "safeloop/events/envelope.hpp"
#include "safeloop/events/v1/personnel_tenancy_events.pb.h"

namespace safeloop::risk::model {
namespace {

Status Skip(const bus::ConsumedRecord& record, const Status& why) {
  LogWarn("risk.directory", "skipping a record that is not a personnel directory event",
          {{"topic", record.topic}, {"offset", record.offset}, {"error", why.ToString()}});
  return Status::Ok();
}

Status Exists(pqxx::work& tx, const std::string& sql, const std::string& id, const char* field,
              const std::string& what) {
  if (id.empty()) return Status::Ok();
  if (!IsUuid(id)) return InvalidArgument(std::string(field) + " is not a UUID: " + id, field);
  if (tx.exec_params(sql, id).empty()) return InvalidArgument(what + "不存在或已停用: " + id, field);
  return Status::Ok();
}

}  // namespace

Status CheckUnit(pqxx::work& tx, const std::string& id, const char* field, const char* kind) {
  if (kind != nullptr && !id.empty() && IsUuid(id)) {
    auto rows = tx.exec_params("SELECT kind FROM risk.directory_unit WHERE id = $1 AND active", id);
    if (!rows.empty() && rows[0][0].as<std::string>() != kind) {
      return InvalidArgument(std::string("单位 ") + id + " 不是" + (std::string(kind) == "post" ? "岗位" : kind), field);
    }
  }
  return Exists(tx, "SELECT 1 FROM risk.directory_unit WHERE id = $1 AND active", id, field, "单位");
}

Status CheckPerson(pqxx::work& tx, const std::string& id, const char* field) {
  return Exists(tx, "SELECT 1 FROM risk.directory_person WHERE id = $1 AND active", id, field, "人员");
}

Status DirectoryProjector::Handle(const bus::ConsumedRecord& record) {
  auto envelope = events::ParseEnvelope(record.value);
  if (!envelope.ok()) return Skip(record, envelope.status());
  const std::string& enterprise = envelope->enterprise_id();
  if (enterprise.empty()) return Skip(record, InvalidArgument("event without an enterprise"));
  if (record.topic == kOrgUnitTopic) {
    events::v1::OrgUnitChanged payload;
    if (Status s = events::UnpackPayload(*envelope, payload); !s.ok()) return Skip(record, s);
    const auto& u = payload.unit();
    return db::InTenantTransaction<Status>(pool_, enterprise, [&](pqxx::work& tx) {
      tx.exec_params(
          "INSERT INTO risk.directory_unit (id, enterprise_id, parent_id, kind, name, active, version) "
          "VALUES ($1, $2, NULLIF($3, '')::uuid, $4, $5, $6, $7) ON CONFLICT (id) DO UPDATE SET "
          "parent_id = EXCLUDED.parent_id, kind = EXCLUDED.kind, name = EXCLUDED.name, active = EXCLUDED.active, "
          "version = EXCLUDED.version WHERE risk.directory_unit.version < EXCLUDED.version",
          u.id(), enterprise, u.parent_id(), u.kind(), u.name(), u.status() == "active", u.version());
      return Status::Ok();
    });
  }
  if (record.topic == kPersonTopic) {
    events::v1::PersonChanged payload;
    if (Status s = events::UnpackPayload(*envelope, payload); !s.ok()) return Skip(record, s);
    const auto& p = payload.person();
    return db::InTenantTransaction<Status>(pool_, enterprise, [&](pqxx::work& tx) {
      tx.exec_params(
          "INSERT INTO risk.directory_person (id, enterprise_id, name, unit_id, post_id, active, version) "
          "VALUES ($1, $2, $3, NULLIF($4, '')::uuid, NULLIF($5, '')::uuid, $6, $7) ON CONFLICT (id) DO UPDATE SET "
          "name = EXCLUDED.name, unit_id = EXCLUDED.unit_id, post_id = EXCLUDED.post_id, active = EXCLUDED.active, "
          "version = EXCLUDED.version WHERE risk.directory_person.version < EXCLUDED.version",
          p.id(), enterprise, p.name(), p.unit_id(), p.post_id(), p.status() == "active", p.version());
      return Status::Ok();
    });
  }
  return Skip(record, InvalidArgument("unexpected topic " + record.topic));
}

void DirectoryProjector::Start(const std::string& brokers) {
  bus::ConsumerLoop::Options options;
  options.log_component = "risk.directory";
  loop_ = std::make_unique<bus::ConsumerLoop>(
      bus::ConsumerConfig{brokers, "risk-directory", {kOrgUnitTopic, kPersonTopic}, "risk-directory"},
      [this](const bus::ConsumedRecord& record) { return Handle(record); }, std::move(options));
  loop_->Start();
}

void DirectoryProjector::Stop() {
  if (loop_) loop_->Stop();
}

}  // namespace safeloop::risk::model
