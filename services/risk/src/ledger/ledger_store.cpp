#include "ledger/ledger_store.hpp"

#include <map>
#include <nlohmann/json.hpp>

#include "safeloop/core/uuid.hpp"
#include "safeloop/db/sql_text.hpp"
#include "safeloop/db/transaction.hpp"
#include "safeloop/risk_domain/control_measures.hpp"
#include "safeloop/risk_domain/graded_control.hpp"

namespace safeloop::risk::ledger {
namespace {

// The point with its unit path (a point's unit may sit at any of the three levels) and directory names.
const char* kRowSelect =
    "SELECT p.id, p.name, p.code, p.level, p.control_tier, p.location, p.kind, "
    "COALESCE(p.unit_id::text, '') AS unit_id, COALESCE(p.department_id::text, '') AS department_id, "
    "COALESCE(p.liable_person_id::text, '') AS liable_person_id, "
    "COALESCE(u.depth, 0) AS depth, COALESCE(u.name, '') AS u_name, COALESCE(pu.name, '') AS pu_name, "
    "COALESCE(ppu.name, '') AS ppu_name, COALESCE(du.name, '') AS department_name, "
    "COALESCE(dp.name, '') AS liable_person_name "
    "FROM risk.risk_point p "
    "LEFT JOIN risk.risk_unit u ON u.id = p.unit_id "
    "LEFT JOIN risk.risk_unit pu ON pu.id = u.parent_id "
    "LEFT JOIN risk.risk_unit ppu ON ppu.id = pu.parent_id "
    "LEFT JOIN risk.directory_unit du ON du.id = p.department_id "
    "LEFT JOIN risk.directory_person dp ON dp.id = p.liable_person_id "
    // The unit and its sub-units (at most three levels) as an id list the risk_point_by_unit index serves;
    // an OR over the joined levels made PostgreSQL scan every point (tools/bench/risk).
    "WHERE (NULLIF($1, '')::uuid IS NULL OR p.unit_id IN ("
    "         SELECT s.id FROM risk.risk_unit s WHERE s.id = NULLIF($1, '')::uuid OR s.parent_id = NULLIF($1, '')::uuid "
    "         OR s.parent_id IN (SELECT c.id FROM risk.risk_unit c WHERE c.parent_id = NULLIF($1, '')::uuid))) "
    "  AND ($2 = 0 OR p.level = $2) AND ($3 = 0 OR p.control_tier = $3) "
    "  AND (NULLIF($4, '')::uuid IS NULL OR p.liable_person_id = NULLIF($4, '')::uuid) "
    "  AND (NULLIF($5, '')::uuid IS NULL OR p.area_id = NULLIF($5, '')::uuid) ";

v1::LedgerRow RowOf(const pqxx::row& r) {
  v1::LedgerRow row;
  row.set_risk_point_id(r["id"].as<std::string>());
  row.set_name(r["name"].as<std::string>());
  row.set_code(r["code"].as<std::string>());
  row.set_level(static_cast<v1::RiskLevel>(r["level"].as<int>()));
  if (auto tier = ControlTierFromCode(r["control_tier"].as<int>())) row.set_control_tier(std::string(ControlTierCode(*tier)));
  row.set_location(r["location"].as<std::string>());
  row.set_kind(r["kind"].as<std::string>());
  row.set_unit_id(r["unit_id"].as<std::string>());
  row.set_department_id(r["department_id"].as<std::string>());
  row.set_liable_person_id(r["liable_person_id"].as<std::string>());
  row.set_department_name(r["department_name"].as<std::string>());
  row.set_liable_person_name(r["liable_person_name"].as<std::string>());
  // Unit path: the point's unit is at `depth`; its ancestors fill the levels above.
  std::string names[3] = {r["ppu_name"].as<std::string>(), r["pu_name"].as<std::string>(), r["u_name"].as<std::string>()};
  int depth = r["depth"].as<int>();
  std::string path[3];
  for (int level = depth; level >= 1; --level) path[level - 1] = names[2 - (depth - level)];
  row.set_unit_level1(path[0]);
  row.set_unit_level2(path[1]);
  row.set_unit_level3(path[2]);
  return row;
}

Status CheckFilter(const v1::LedgerFilter& f) {
  if (!f.unit_id().empty() && !IsUuid(f.unit_id())) return InvalidArgument("unit_id is not a UUID", "filter.unit_id");
  if (!f.area_id().empty() && !IsUuid(f.area_id())) return InvalidArgument("area_id is not a UUID", "filter.area_id");
  if (!f.liable_person_id().empty() && !IsUuid(f.liable_person_id())) {
    return InvalidArgument("liable_person_id is not a UUID", "filter.liable_person_id");
  }
  if (f.level() < 0 || f.level() > 4) return InvalidArgument("level must be 1..4", "filter.level");
  if (!f.control_tier().empty() && !ControlTierFromName(f.control_tier())) {
    return InvalidArgument("control_tier must be company, department, workshop, team or post", "filter.control_tier");
  }
  return Status::Ok();
}

int TierCode(const v1::LedgerFilter& f) {
  auto tier = ControlTierFromName(f.control_tier());
  return tier ? static_cast<int>(*tier) : 0;
}

// Live events and existing measures of the given points, in two queries.
void AttachEvents(pqxx::work& tx, std::vector<v1::LedgerRow>& rows) {
  if (rows.empty()) return;
  std::string ids = "{";
  std::map<std::string, v1::LedgerRow*> by_id;
  for (auto& r : rows) {
    ids += (ids.size() > 1 ? "," : "") + r.risk_point_id();
    by_id[r.risk_point_id()] = &r;
  }
  ids += "}";
  std::map<std::string, v1::LedgerEvent*> events;
  for (const auto& e : tx.exec_params("SELECT id, risk_point_id, seq, name, hazard, array_to_json(accident_types)::text "
                                      "FROM risk.risk_event WHERE risk_point_id = ANY($1::uuid[]) AND NOT deleted "
                                      "ORDER BY risk_point_id, seq, id",
                                      ids)) {
    auto* out = by_id.at(e[1].as<std::string>())->add_events();
    out->set_seq(e[2].as<int>());
    out->set_name(e[3].as<std::string>());
    out->set_hazard(e[4].as<std::string>());
    for (const auto& t : nlohmann::json::parse(e[5].as<std::string>())) out->add_accident_types(t.get<std::string>());
    events[e[0].as<std::string>()] = out;
  }
  if (events.empty()) return;
  std::string event_ids = "{";
  for (const auto& [id, _] : events) event_ids += (event_ids.size() > 1 ? "," : "") + id;
  event_ids += "}";
  for (const auto& m : tx.exec_params("SELECT risk_event_id, description, check_content, measure_class FROM "
                                      "risk.control_measure WHERE risk_event_id = ANY($1::uuid[]) AND NOT deleted AND "
                                      "NOT proposed ORDER BY risk_event_id, ordinal",
                                      event_ids)) {
    auto* out = events.at(m[0].as<std::string>())->add_measures();
    out->set_description(m[1].as<std::string>());
    out->set_check_content(m[2].as<std::string>());
    if (auto cls = ControlClassFromCode(m[3].as<int>())) out->set_measure_class(std::string(ControlClassNameZh(*cls)));
  }
}

}  // namespace

Result<v1::ListControlLedgerResponse> LedgerStore::List(const Actor& actor, const v1::LedgerFilter& filter,
                                                        int page_size, const std::string& page_token) {
  SAFELOOP_RETURN_IF_ERROR(CheckFilter(filter));
  if (page_size == 0) page_size = 50;
  if (page_size < 1 || page_size > 200) return InvalidArgument("page_size must be 1..200", "page_size");
  if (!page_token.empty() && !IsUuid(page_token)) return InvalidArgument("malformed page_token", "page_token");
  return db::InTenantTransaction<Result<v1::ListControlLedgerResponse>>(
      pool_, actor.enterprise_id, [&](pqxx::work& tx) -> Result<v1::ListControlLedgerResponse> {
        std::vector<v1::LedgerRow> rows;
        for (const auto& r : tx.exec_params(std::string(kRowSelect) +
                                                "AND (NULLIF($6, '')::uuid IS NULL OR p.id > NULLIF($6, '')::uuid) "
                                                "ORDER BY p.id LIMIT $7",
                                            filter.unit_id(), static_cast<int>(filter.level()), TierCode(filter),
                                            filter.liable_person_id(), filter.area_id(), page_token, page_size + 1)) {
          rows.push_back(RowOf(r));
        }
        v1::ListControlLedgerResponse out;
        if (static_cast<int>(rows.size()) > page_size) {
          rows.pop_back();
          out.set_next_page_token(rows.back().risk_point_id());
        }
        AttachEvents(tx, rows);
        for (auto& r : rows) *out.add_items() = std::move(r);
        return out;
      });
}

Result<std::vector<v1::LedgerRow>> LedgerStore::All(const Actor& actor, const v1::LedgerFilter& filter,
                                                   std::size_t max_rows) {
  SAFELOOP_RETURN_IF_ERROR(CheckFilter(filter));
  return db::InTenantTransaction<Result<std::vector<v1::LedgerRow>>>(
      pool_, actor.enterprise_id, [&](pqxx::work& tx) -> Result<std::vector<v1::LedgerRow>> {
        std::vector<v1::LedgerRow> rows;
        for (const auto& r : tx.exec_params(std::string(kRowSelect) + "ORDER BY " + db::PinyinOrder(tx, "ppu.name") +
                                                ", " + db::PinyinOrder(tx, "pu.name") + ", " +
                                                db::PinyinOrder(tx, "u.name") + ", p.code, " +
                                                db::PinyinOrder(tx, "p.name") + ", p.id LIMIT $6",
                                            filter.unit_id(), static_cast<int>(filter.level()), TierCode(filter),
                                            filter.liable_person_id(), filter.area_id(), static_cast<long>(max_rows) + 1)) {
          rows.push_back(RowOf(r));
        }
        if (rows.size() > max_rows) {
          return Status(StatusCode::kResourceExhausted,
                        "超过 " + std::to_string(max_rows) + " 个风险点，请按单元或等级筛选后分批导出", "filter");
        }
        AttachEvents(tx, rows);
        return rows;
      });
}

Result<UnitPartition> LedgerStore::Partition(const Actor& actor) {
  return db::InTenantTransaction<Result<UnitPartition>>(
      pool_, actor.enterprise_id, [&](pqxx::work& tx) -> Result<UnitPartition> {
        UnitPartition out;
        for (const auto& r : tx.exec("SELECT id, name, hazard_code FROM risk.risk_object WHERE NOT deleted ORDER BY " +
                                     db::PinyinOrder(tx, "name") + ", id")) {
          v1::RiskObject o;
          o.set_id(r[0].as<std::string>());
          o.set_name(r[1].as<std::string>());
          o.set_hazard_code(r[2].as<std::string>());
          out.objects.push_back(std::move(o));
        }
        for (const auto& r : tx.exec("SELECT id, object_id, COALESCE(parent_id::text, ''), depth, seq, name FROM "
                                     "risk.risk_unit WHERE NOT deleted ORDER BY seq, id")) {
          v1::RiskUnit u;
          u.set_id(r[0].as<std::string>());
          u.set_object_id(r[1].as<std::string>());
          u.set_parent_id(r[2].as<std::string>());
          u.set_depth(r[3].as<int>());
          u.set_seq(r[4].as<int>());
          u.set_name(r[5].as<std::string>());
          out.units.push_back(std::move(u));
        }
        for (const auto& r : tx.exec_params(std::string(kRowSelect) + "AND p.unit_id IS NOT NULL ORDER BY p.code, " +
                                                db::PinyinOrder(tx, "p.name") + ", p.id",
                                            std::string(), 0, 0, std::string(), std::string())) {
          out.points.push_back(RowOf(r));
        }
        return out;
      });
}

Result<std::string> LedgerStore::EnterpriseName(const Actor& actor) {
  return db::InTenantTransaction<Result<std::string>>(pool_, actor.enterprise_id, [&](pqxx::work& tx) -> Result<std::string> {
    auto rows = tx.exec("SELECT name FROM risk.directory_unit WHERE kind = 'company' AND active LIMIT 1");
    return rows.empty() ? std::string() : rows[0][0].as<std::string>();
  });
}

}  // namespace safeloop::risk::ledger
