#include "tenancy/enterprise_store.hpp"

#include <cmath>
#include <cstdio>

#include "safeloop/db/transaction.hpp"
#include "safeloop/events/v1/personnel_tenancy_events.pb.h"
#include "safeloop/personnel_domain/identifiers.hpp"
#include "safeloop/db/sql_text.hpp"
#include "tenancy/tenancy_events.hpp"

namespace safeloop::personnel::tenancy {
namespace {

const std::string kColumns =
    "e.id, COALESCE(e.park_id::text, '') AS park_id, COALESCE(pk.name, '') AS park_name, e.name, e.credit_code, "
    "e.enterprise_type, " + SqlDate("e.founded_on") + " AS founded_on, " + SqlDate("e.term_until") +
    " AS term_until, e.registered_address, e.operating_address, e.registration_authority, e.business_scope, "
    "e.legal_representative, e.phone, e.principal_name, e.principal_mobile, e.safety_principal_name, "
    "e.safety_principal_mobile, e.emergency_phone, e.headcount, e.area_m2::float8 AS area_m2, "
    "e.economic_industry_code, e.safety_industry_class, COALESCE(e.hazchem_registration_code, '') AS hazchem, "
    "e.park_write_granted, e.version, " + SqlTime("e.created_at") + " AS created_at, " + SqlTime("e.updated_at") +
    " AS updated_at";
const std::string kFrom = " FROM personnel.enterprise e LEFT JOIN personnel.park pk ON pk.id = e.park_id ";

void FromRow(const pqxx::row& r, v1::Enterprise& e) {
  e.set_id(r["id"].as<std::string>());
  e.set_park_id(r["park_id"].as<std::string>());
  e.set_park_name(r["park_name"].as<std::string>());
  auto* p = e.mutable_profile();
  p->set_name(r["name"].as<std::string>());
  p->set_credit_code(r["credit_code"].as<std::string>());
  p->set_enterprise_type(r["enterprise_type"].as<std::string>());
  p->set_founded_on(r["founded_on"].as<std::string>());
  p->set_term_until(r["term_until"].as<std::string>());
  p->set_registered_address(r["registered_address"].as<std::string>());
  p->set_operating_address(r["operating_address"].as<std::string>());
  p->set_registration_authority(r["registration_authority"].as<std::string>());
  p->set_business_scope(r["business_scope"].as<std::string>());
  p->set_legal_representative(r["legal_representative"].as<std::string>());
  p->set_phone(r["phone"].as<std::string>());
  p->set_principal_name(r["principal_name"].as<std::string>());
  p->set_principal_mobile(r["principal_mobile"].as<std::string>());
  p->set_safety_principal_name(r["safety_principal_name"].as<std::string>());
  p->set_safety_principal_mobile(r["safety_principal_mobile"].as<std::string>());
  p->set_emergency_phone(r["emergency_phone"].as<std::string>());
  if (!r["headcount"].is_null()) p->set_headcount(r["headcount"].as<int>());
  if (!r["area_m2"].is_null()) p->set_area_m2(r["area_m2"].as<double>());
  p->set_economic_industry_code(r["economic_industry_code"].as<std::string>());
  p->set_safety_industry_class(r["safety_industry_class"].as<std::string>());
  p->set_hazchem_registration_code(r["hazchem"].as<std::string>());
  e.set_park_write_granted(r["park_write_granted"].as<bool>());
  e.set_version(r["version"].as<int>());
  e.set_created_at(r["created_at"].as<std::string>());
  e.set_updated_at(r["updated_at"].as<std::string>());
}

std::string OptionalNumber(bool has, double value, const char* format) {
  if (!has) return "";
  char buf[64];
  std::snprintf(buf, sizeof buf, format, value);
  return buf;
}

// Replaces the profile of `id` when its version is still `version`; false when it is not (or the row is not
// visible to the transaction's tenant or park).
bool WriteProfile(pqxx::work& tx, const std::string& id, const v1::EnterpriseProfile& p, int version,
                  std::optional<bool> grant) {
  auto r = tx.exec_params(
      "UPDATE personnel.enterprise SET name = $3, credit_code = $4, enterprise_type = $5, "
      "founded_on = NULLIF($6, '')::date, term_until = NULLIF($7, '')::date, registered_address = $8, "
      "operating_address = $9, registration_authority = $10, business_scope = $11, legal_representative = $12, "
      "phone = $13, principal_name = $14, principal_mobile = $15, safety_principal_name = $16, "
      "safety_principal_mobile = $17, emergency_phone = $18, headcount = NULLIF($19, '')::integer, "
      "area_m2 = NULLIF($20, '')::numeric, economic_industry_code = $21, safety_industry_class = $22, "
      "hazchem_registration_code = NULLIF($23, ''), "
      "park_write_granted = COALESCE(NULLIF($24, '')::boolean, park_write_granted), "
      "version = version + 1, updated_at = now() WHERE id = $1 AND version = $2",
      id, version, p.name(), p.credit_code(), p.enterprise_type(), p.founded_on(), p.term_until(),
      p.registered_address(), p.operating_address(), p.registration_authority(), p.business_scope(),
      p.legal_representative(), p.phone(), p.principal_name(), p.principal_mobile(), p.safety_principal_name(),
      p.safety_principal_mobile(), p.emergency_phone(),
      OptionalNumber(p.has_headcount(), p.headcount(), "%.0f"), OptionalNumber(p.has_area_m2(), p.area_m2(), "%.2f"),
      p.economic_industry_code(), p.safety_industry_class(), p.hazchem_registration_code(),
      std::string(grant ? (*grant ? "true" : "false") : ""));
  return r.affected_rows() == 1;
}

Result<v1::Enterprise> Load(pqxx::work& tx, const std::string& id) {
  auto rows = tx.exec_params("SELECT " + kColumns + kFrom + "WHERE e.id = $1", id);
  if (rows.empty()) return NotFound("enterprise " + id + " not found", "enterprise_id");
  v1::Enterprise e;
  FromRow(rows[0], e);
  return e;
}

void AppendChanged(pqxx::work& tx, const Actor& actor, const v1::Enterprise& e, bool by_park, const Clock& clock) {
  events::v1::EnterpriseChanged payload;
  payload.set_change("updated");
  *payload.mutable_enterprise() = e;
  payload.set_actor(actor.subject);
  payload.set_by_park(by_park);
  AppendEvent(tx, actor, {kEnterpriseTopic, e.id(), "enterprise", e.id(), e.version()}, payload, clock);
}

// A duplicate credit code is the only unique constraint an update can break.
Status WithCreditCodeField(Status s) {
  if (s.code() == StatusCode::kAlreadyExists) {
    return AlreadyExists("统一社会信用代码已被其他企业使用", "profile.credit_code");
  }
  return s;
}

}  // namespace

Status ValidateEnterpriseProfile(const v1::EnterpriseProfile& p) {
  using personnel_domain::ValidateCreditCode;
  SAFELOOP_RETURN_IF_ERROR(RequireText(p.name(), "profile.name", "企业名称", 200));
  SAFELOOP_RETURN_IF_ERROR(ValidateCreditCode(p.credit_code(), "profile.credit_code"));
  SAFELOOP_RETURN_IF_ERROR(ValidateOptionalDate(p.founded_on(), "profile.founded_on"));
  SAFELOOP_RETURN_IF_ERROR(ValidateOptionalDate(p.term_until(), "profile.term_until"));
  if (!p.founded_on().empty() && !p.term_until().empty() && p.term_until() < p.founded_on()) {
    return InvalidArgument("营业期限不能早于成立日期", "profile.term_until");
  }
  struct Text {
    const std::string& value;
    const char* field;
    const char* label;
    long max;
  };
  const Text texts[] = {
      {p.enterprise_type(), "profile.enterprise_type", "单位类型", 100},
      {p.registered_address(), "profile.registered_address", "注册地址", 300},
      {p.operating_address(), "profile.operating_address", "经营地址", 300},
      {p.registration_authority(), "profile.registration_authority", "登记机关", 100},
      {p.business_scope(), "profile.business_scope", "经营范围", 4000},
      {p.legal_representative(), "profile.legal_representative", "法定代表人", 50},
      {p.phone(), "profile.phone", "联系电话", 30},
      {p.principal_name(), "profile.principal_name", "主要负责人", 50},
      {p.safety_principal_name(), "profile.safety_principal_name", "安全负责人", 50},
      {p.emergency_phone(), "profile.emergency_phone", "单位应急电话", 30},
      {p.economic_industry_code(), "profile.economic_industry_code", "国民经济行业分类", 20},
      {p.safety_industry_class(), "profile.safety_industry_class", "安全监管行业分类", 100},
  };
  for (const auto& t : texts) SAFELOOP_RETURN_IF_ERROR(OptionalText(t.value, t.field, t.label, t.max));
  if (!p.principal_mobile().empty()) {
    SAFELOOP_RETURN_IF_ERROR(personnel_domain::ValidateMobile(p.principal_mobile(), "profile.principal_mobile"));
  }
  if (!p.safety_principal_mobile().empty()) {
    SAFELOOP_RETURN_IF_ERROR(
        personnel_domain::ValidateMobile(p.safety_principal_mobile(), "profile.safety_principal_mobile"));
  }
  if (p.has_headcount() && p.headcount() < 0) return InvalidArgument("从业人数不能为负数", "profile.headcount");
  if (p.has_area_m2() && (!std::isfinite(p.area_m2()) || p.area_m2() < 0 || p.area_m2() >= 1e12)) {
    return InvalidArgument("占地面积应为非负数（平方米）", "profile.area_m2");
  }
  if (!p.hazchem_registration_code().empty()) {
    SAFELOOP_RETURN_IF_ERROR(personnel_domain::ValidateHazchemRegistrationCode(p.hazchem_registration_code(),
                                                                               "profile.hazchem_registration_code"));
  }
  return Status::Ok();
}

Result<v1::Enterprise> EnterpriseStore::GetOwn(const Actor& actor) {
  return db::InTenantTransaction<Result<v1::Enterprise>>(
      pool_, actor.enterprise_id, [&](pqxx::work& tx) { return Load(tx, actor.enterprise_id); });
}

Result<v1::Enterprise> EnterpriseStore::UpdateOwn(const Actor& actor, const v1::EnterpriseProfile& profile, int version,
                                                  std::optional<bool> park_write_granted) {
  auto r = db::InTenantTransaction<Result<v1::Enterprise>>(
      pool_, actor.enterprise_id, [&](pqxx::work& tx) -> Result<v1::Enterprise> {
        if (!WriteProfile(tx, actor.enterprise_id, profile, version, park_write_granted)) {
          auto current = Load(tx, actor.enterprise_id);
          if (!current.ok()) return current.status();
          return StaleVersion("企业信息", version);
        }
        auto e = Load(tx, actor.enterprise_id);
        if (e.ok()) AppendChanged(tx, actor, *e, false, clock_);
        return e;
      });
  if (!r.ok()) return WithCreditCodeField(r.status());
  return r;
}

Result<v1::ListParkEnterprisesResponse> EnterpriseStore::ListInPark(const Actor& actor,
                                                                    const std::string& name_contains) {
  return db::InParkTransaction<Result<v1::ListParkEnterprisesResponse>>(
      pool_, actor.park_id, [&](pqxx::work& tx) -> Result<v1::ListParkEnterprisesResponse> {
        v1::ListParkEnterprisesResponse out;
        auto park = tx.exec_params("SELECT id, name, region FROM personnel.park WHERE id = $1", actor.park_id);
        if (park.empty()) return NotFound("park " + actor.park_id + " not found");
        out.mutable_park()->set_id(park[0][0].as<std::string>());
        out.mutable_park()->set_name(park[0][1].as<std::string>());
        out.mutable_park()->set_region(park[0][2].as<std::string>());
        // The policy already limits rows to the park; the condition says so for the reader and the planner.
        auto rows = tx.exec_params("SELECT " + kColumns + kFrom +
                                       "WHERE e.park_id = $1 AND strpos(e.name, $2) > 0 "
                                       "ORDER BY " + PinyinOrder(tx, "e.name") + ", e.id",
                                   actor.park_id, name_contains);
        for (const auto& row : rows) FromRow(row, *out.add_enterprises());
        return out;
      });
}

Result<v1::Enterprise> EnterpriseStore::GetInPark(const Actor& actor, const std::string& enterprise_id) {
  return db::InParkTransaction<Result<v1::Enterprise>>(
      pool_, actor.park_id, [&](pqxx::work& tx) { return Load(tx, enterprise_id); });
}

Result<v1::Enterprise> EnterpriseStore::UpdateInPark(const Actor& actor, const std::string& enterprise_id,
                                                     const v1::EnterpriseProfile& profile, int version) {
  auto r = db::InParkTransaction<Result<v1::Enterprise>>(
      pool_, actor.park_id, [&](pqxx::work& tx) -> Result<v1::Enterprise> {
        auto current = Load(tx, enterprise_id);
        if (!current.ok()) return current.status();
        if (!current->park_write_granted()) {
          return PermissionDenied("该企业未授权园区修改企业信息（企业可在企业信息中开启“允许园区修改”）");
        }
        if (!WriteProfile(tx, enterprise_id, profile, version, std::nullopt)) return StaleVersion("企业信息", version);
        auto e = Load(tx, enterprise_id);
        if (e.ok()) AppendChanged(tx, actor, *e, true, clock_);
        return e;
      });
  if (!r.ok()) return WithCreditCodeField(r.status());
  return r;
}

}  // namespace safeloop::personnel::tenancy
