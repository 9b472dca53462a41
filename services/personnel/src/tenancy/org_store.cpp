#include "tenancy/org_store.hpp"

#include <algorithm>
#include <map>

#include "safeloop/core/uuid.hpp"
#include "safeloop/db/transaction.hpp"
#include "safeloop/events/v1/personnel_tenancy_events.pb.h"
#include "safeloop/db/sql_text.hpp"
#include "tenancy/tenancy_events.hpp"

namespace safeloop::personnel::tenancy {
namespace {

using personnel_domain::UnitKind;

const std::string kColumns = "u.id, COALESCE(u.parent_id::text, '') AS parent_id, u.kind, u.name, u.code, "
                             "u.sort_order, u.status, " + SqlTime("u.closed_at") + " AS closed_at, u.version, " +
                             SqlTime("u.created_at") + " AS created_at, " + SqlTime("u.updated_at") + " AS updated_at";

v1::OrgUnit FromRow(const pqxx::row& r) {
  v1::OrgUnit u;
  u.set_id(r["id"].as<std::string>());
  u.set_parent_id(r["parent_id"].as<std::string>());
  u.set_kind(r["kind"].as<std::string>());
  u.set_name(r["name"].as<std::string>());
  u.set_code(r["code"].as<std::string>());
  u.set_sort_order(r["sort_order"].as<int>());
  u.set_status(r["status"].as<std::string>());
  u.set_closed_at(r["closed_at"].as<std::string>());
  u.set_version(r["version"].as<int>());
  u.set_created_at(r["created_at"].as<std::string>());
  u.set_updated_at(r["updated_at"].as<std::string>());
  return u;
}

// Serialises the enterprise's structural changes (see the header).
void LockTree(pqxx::work& tx) { tx.exec("SELECT id FROM personnel.org_unit WHERE parent_id IS NULL FOR UPDATE"); }

Result<v1::OrgUnit> LockUnit(pqxx::work& tx, const std::string& id, int version) {
  auto rows = tx.exec_params("SELECT " + kColumns + " FROM personnel.org_unit u WHERE u.id = $1 FOR UPDATE", id);
  if (rows.empty()) return NotFound("unit " + id + " not found", "unit_id");
  v1::OrgUnit u = FromRow(rows[0]);
  if (u.version() != version) return StaleVersion("单位", version);
  return u;
}

v1::OrgUnit Reload(pqxx::work& tx, const std::string& id) {
  return FromRow(tx.exec_params1("SELECT " + kColumns + " FROM personnel.org_unit u WHERE u.id = $1", id));
}

struct Change {
  const char* kind;
  std::string old_parent_id, old_name, old_code;
};

// History row + event for the unit as it is after the change.
void Record(pqxx::work& tx, const Actor& actor, const v1::OrgUnit& after, const Change& change, const Clock& clock) {
  tx.exec_params(
      "INSERT INTO personnel.org_unit_history (enterprise_id, unit_id, change, old_parent_id, new_parent_id, "
      "old_name, new_name, old_code, new_code, unit_version, actor) VALUES ($1, $2, $3, NULLIF($4, '')::uuid, "
      "NULLIF($5, '')::uuid, NULLIF($6, ''), $7, NULLIF($8, ''), $9, $10, $11)",
      actor.enterprise_id, after.id(), change.kind, change.old_parent_id, after.parent_id(), change.old_name,
      after.name(), change.old_code, after.code(), after.version(), actor.subject);
  events::v1::OrgUnitChanged payload;
  payload.set_change(change.kind);
  *payload.mutable_unit() = after;
  payload.set_old_parent_id(change.old_parent_id);
  payload.set_old_name(change.old_name);
  payload.set_actor(actor.subject);
  AppendEvent(tx, actor, {kOrgUnitTopic, actor.enterprise_id, "org_unit", after.id(), after.version()}, payload, clock);
}

Status SiblingNameTaken(Status s) {
  if (s.code() == StatusCode::kAlreadyExists) return AlreadyExists("同一上级单位下已有同名的单位", "name");
  return s;
}

void AddNode(const std::vector<v1::OrgUnit>& units, const personnel_domain::OrgTree& tree,
             const std::map<std::string, personnel_domain::Headcount>& counts,
             const std::map<std::string, std::size_t>& index, const std::string& id, bool include_closed,
             v1::OrgTreeNode& node) {
  const v1::OrgUnit& u = units[index.at(id)];
  *node.mutable_unit() = u;
  if (auto it = counts.find(id); it != counts.end()) {
    node.set_headcount(it->second.direct);
    node.set_subtree_headcount(it->second.subtree);
  }
  node.set_path(tree.Path(id));
  for (const auto& child : tree.ChildrenOf(id)) {
    if (!include_closed && units[index.at(child)].status() != "active") continue;
    AddNode(units, tree, counts, index, child, include_closed, *node.add_children());
  }
}

}  // namespace

std::vector<v1::OrgUnit> LoadUnits(pqxx::work& tx) {
  std::vector<v1::OrgUnit> out;
  for (const auto& row : tx.exec("SELECT " + kColumns + " FROM personnel.org_unit u ORDER BY u.sort_order, " +
                                 PinyinOrder(tx, "u.name") + ", u.id")) {
    out.push_back(FromRow(row));
  }
  return out;
}

personnel_domain::OrgTree TreeOf(const std::vector<v1::OrgUnit>& units) {
  std::vector<personnel_domain::UnitNode> nodes;
  nodes.reserve(units.size());
  for (const auto& u : units) {
    nodes.push_back({u.id(), u.parent_id(), personnel_domain::ParseUnitKind(u.kind()).value_or(UnitKind::kDepartment),
                     u.name(), u.status() == "active"});
  }
  return personnel_domain::OrgTree(std::move(nodes));
}

Result<v1::OrgTree> OrgStore::Tree(const Actor& actor, bool include_closed) {
  return db::InTenantTransaction<Result<v1::OrgTree>>(
      pool_, actor.enterprise_id, [&](pqxx::work& tx) -> Result<v1::OrgTree> {
        auto units = LoadUnits(tx);
        auto tree = TreeOf(units);
        if (tree.Root() == nullptr) return NotFound("the enterprise has no organisation root yet");
        std::vector<personnel_domain::HeadcountGroup> groups;
        for (const auto& row : tx.exec("SELECT unit_id, COALESCE(post_id::text, ''), count(*)::integer "
                                       "FROM personnel.person WHERE status = 'active' GROUP BY 1, 2")) {
          groups.push_back({row[0].as<std::string>(), row[1].as<std::string>(), row[2].as<int>()});
        }
        auto counts = personnel_domain::CountHeads(tree, groups);
        std::map<std::string, std::size_t> index;
        for (std::size_t i = 0; i < units.size(); ++i) index[units[i].id()] = i;
        v1::OrgTree out;
        AddNode(units, tree, counts, index, tree.Root()->id, include_closed, *out.mutable_root());
        return out;
      });
}

Result<v1::OrgUnit> OrgStore::Create(const Actor& actor, const v1::CreateUnitRequest& req) {
  auto r = db::InTenantTransaction<Result<v1::OrgUnit>>(
      pool_, actor.enterprise_id, [&](pqxx::work& tx) -> Result<v1::OrgUnit> {
        LockTree(tx);
        auto parent = tx.exec_params("SELECT kind, status FROM personnel.org_unit WHERE id = $1", req.parent_id());
        if (parent.empty()) {
          return InvalidArgument("parent_id: no unit " + req.parent_id() + " in this enterprise", "parent_id");
        }
        if (parent[0][1].as<std::string>() != "active") {
          return FailedPrecondition("上级单位已撤销，不能在其下新建单位", "parent_id");
        }
        auto parent_kind = personnel_domain::ParseUnitKind(parent[0][0].as<std::string>());
        auto kind = personnel_domain::ParseUnitKind(req.kind());
        if (!parent_kind || !kind) return InvalidArgument("unknown unit kind " + req.kind(), "kind");
        SAFELOOP_RETURN_IF_ERROR(personnel_domain::CheckPlacement(*parent_kind, *kind, "kind"));
        const std::string id = NewUuidV7(clock_);
        tx.exec_params("INSERT INTO personnel.org_unit (id, enterprise_id, parent_id, kind, name, code, sort_order) "
                       "VALUES ($1, $2, $3, $4, $5, $6, $7)",
                       id, actor.enterprise_id, req.parent_id(), req.kind(), req.name(), req.code(), req.sort_order());
        v1::OrgUnit unit = Reload(tx, id);
        Record(tx, actor, unit, {"created", "", "", ""}, clock_);
        return unit;
      });
  if (!r.ok()) return SiblingNameTaken(r.status());
  return r;
}

Result<v1::OrgUnit> OrgStore::Update(const Actor& actor, const v1::UpdateUnitRequest& req) {
  auto r = db::InTenantTransaction<Result<v1::OrgUnit>>(
      pool_, actor.enterprise_id, [&](pqxx::work& tx) -> Result<v1::OrgUnit> {
        auto before = LockUnit(tx, req.unit_id(), req.version());
        if (!before.ok()) return before.status();
        if (before->name() == req.name() && before->code() == req.code() && before->sort_order() == req.sort_order()) {
          return *before;  // nothing changed: no new version, no history
        }
        tx.exec_params("UPDATE personnel.org_unit SET name = $2, code = $3, sort_order = $4, version = version + 1, "
                       "updated_at = now() WHERE id = $1",
                       req.unit_id(), req.name(), req.code(), req.sort_order());
        v1::OrgUnit unit = Reload(tx, req.unit_id());
        Record(tx, actor, unit,
               {before->name() != req.name() ? "renamed" : "updated", before->parent_id(), before->name(),
                before->code()},
               clock_);
        return unit;
      });
  if (!r.ok()) return SiblingNameTaken(r.status());
  return r;
}

Result<v1::OrgUnit> OrgStore::Move(const Actor& actor, const v1::MoveUnitRequest& req) {
  auto r = db::InTenantTransaction<Result<v1::OrgUnit>>(
      pool_, actor.enterprise_id, [&](pqxx::work& tx) -> Result<v1::OrgUnit> {
        LockTree(tx);
        auto before = LockUnit(tx, req.unit_id(), req.version());
        if (!before.ok()) return before.status();
        if (before->status() != "active") return FailedPrecondition("已撤销的单位不能移动，请先恢复", "unit_id");
        auto units = LoadUnits(tx);
        auto tree = TreeOf(units);
        const auto* parent = tree.Find(req.new_parent_id());
        if (parent == nullptr) {
          return InvalidArgument("new_parent_id: no unit " + req.new_parent_id() + " in this enterprise",
                                 "new_parent_id");
        }
        if (!parent->active) return FailedPrecondition("目标上级单位已撤销", "new_parent_id");
        SAFELOOP_RETURN_IF_ERROR(tree.CheckMove(req.unit_id(), req.new_parent_id()));
        if (before->parent_id() == req.new_parent_id()) return *before;  // already there
        tx.exec_params("UPDATE personnel.org_unit SET parent_id = $2, version = version + 1, updated_at = now() "
                       "WHERE id = $1",
                       req.unit_id(), req.new_parent_id());
        v1::OrgUnit unit = Reload(tx, req.unit_id());
        Record(tx, actor, unit, {"moved", before->parent_id(), before->name(), before->code()}, clock_);
        return unit;
      });
  if (!r.ok()) return SiblingNameTaken(r.status());
  return r;
}

Result<v1::OrgUnit> OrgStore::Close(const Actor& actor, const std::string& unit_id, int version) {
  return db::InTenantTransaction<Result<v1::OrgUnit>>(
      pool_, actor.enterprise_id, [&](pqxx::work& tx) -> Result<v1::OrgUnit> {
        LockTree(tx);
        auto before = LockUnit(tx, unit_id, version);
        if (!before.ok()) return before.status();
        if (before->parent_id().empty()) return FailedPrecondition("公司（根节点）不能撤销", "unit_id");
        if (before->status() != "active") return FailedPrecondition("该单位已撤销", "unit_id");
        // The unit row is locked: a person being added to it right now has committed before this count.
        int children = tx.exec_params1("SELECT count(*)::integer FROM personnel.org_unit "
                                       "WHERE parent_id = $1 AND status = 'active'",
                                       unit_id)[0]
                           .as<int>();
        int people = tx.exec_params1("SELECT count(*)::integer FROM personnel.person WHERE status = 'active' "
                                     "AND (unit_id = $1 OR post_id = $1)",
                                     unit_id)[0]
                         .as<int>();
        if (children > 0 || people > 0) {
          return FailedPrecondition("该单位下还有" + std::to_string(children) + "个在用的下级单位和" +
                                        std::to_string(people) + "名在职人员，请先调整后再撤销",
                                    "unit_id");
        }
        tx.exec_params("UPDATE personnel.org_unit SET status = 'closed', closed_at = now(), version = version + 1, "
                       "updated_at = now() WHERE id = $1",
                       unit_id);
        v1::OrgUnit unit = Reload(tx, unit_id);
        Record(tx, actor, unit, {"closed", before->parent_id(), before->name(), before->code()}, clock_);
        return unit;
      });
}

Result<v1::OrgUnit> OrgStore::Reopen(const Actor& actor, const std::string& unit_id, int version) {
  auto r = db::InTenantTransaction<Result<v1::OrgUnit>>(
      pool_, actor.enterprise_id, [&](pqxx::work& tx) -> Result<v1::OrgUnit> {
        LockTree(tx);
        auto before = LockUnit(tx, unit_id, version);
        if (!before.ok()) return before.status();
        if (before->status() == "active") return FailedPrecondition("该单位未撤销", "unit_id");
        auto parent = tx.exec_params1("SELECT status FROM personnel.org_unit WHERE id = $1", before->parent_id());
        if (parent[0].as<std::string>() != "active") {
          return FailedPrecondition("上级单位已撤销，请先恢复上级单位", "unit_id");
        }
        tx.exec_params("UPDATE personnel.org_unit SET status = 'active', closed_at = NULL, version = version + 1, "
                       "updated_at = now() WHERE id = $1",
                       unit_id);
        v1::OrgUnit unit = Reload(tx, unit_id);
        Record(tx, actor, unit, {"reopened", before->parent_id(), before->name(), before->code()}, clock_);
        return unit;
      });
  if (!r.ok()) return SiblingNameTaken(r.status());
  return r;
}

Result<v1::ListUnitHistoryResponse> OrgStore::History(const Actor& actor, const v1::ListUnitHistoryRequest& req) {
  const int page_size = req.page_size() <= 0 ? 100 : std::min(req.page_size(), 500);
  long long before_id = 0;
  if (!req.page_token().empty()) {
    try {
      before_id = std::stoll(req.page_token());
    } catch (const std::exception&) {
      return InvalidArgument("page_token is not one this service issued", "page_token");
    }
  }
  return db::InTenantTransaction<Result<v1::ListUnitHistoryResponse>>(
      pool_, actor.enterprise_id, [&](pqxx::work& tx) -> Result<v1::ListUnitHistoryResponse> {
        if (!req.unit_id().empty() &&
            tx.exec_params("SELECT 1 FROM personnel.org_unit WHERE id = $1", req.unit_id()).empty()) {
          return NotFound("unit " + req.unit_id() + " not found", "unit_id");
        }
        auto rows = tx.exec_params(
            "SELECT id, unit_id, change, COALESCE(old_parent_id::text, ''), COALESCE(new_parent_id::text, ''), "
            "COALESCE(old_name, ''), COALESCE(new_name, ''), COALESCE(old_code, ''), COALESCE(new_code, ''), "
            "COALESCE(unit_version, 0), actor, " + SqlTime("at") +
                " FROM personnel.org_unit_history WHERE ($1 = '' OR unit_id = NULLIF($1, '')::uuid) "
                "AND ($2 = 0 OR id < $2) ORDER BY id DESC LIMIT $3",
            req.unit_id(), before_id, page_size + 1);
        v1::ListUnitHistoryResponse out;
        for (int i = 0; i < static_cast<int>(rows.size()) && i < page_size; ++i) {
          const auto& row = rows[i];
          auto* c = out.add_changes();
          c->set_unit_id(row[1].as<std::string>());
          c->set_change(row[2].as<std::string>());
          c->set_old_parent_id(row[3].as<std::string>());
          c->set_new_parent_id(row[4].as<std::string>());
          c->set_old_name(row[5].as<std::string>());
          c->set_new_name(row[6].as<std::string>());
          c->set_old_code(row[7].as<std::string>());
          c->set_new_code(row[8].as<std::string>());
          c->set_unit_version(row[9].as<int>());
          c->set_actor(row[10].as<std::string>());
          c->set_at(row[11].as<std::string>());
        }
        if (static_cast<int>(rows.size()) > page_size) out.set_next_page_token(rows[page_size - 1][0].as<std::string>());
        return out;
      });
}

}  // namespace safeloop::personnel::tenancy
