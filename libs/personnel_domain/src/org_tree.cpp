#include "safeloop/personnel_domain/org_tree.hpp"

#include <set>

#include "safeloop/personnel_domain/people_rules.hpp"

namespace safeloop::personnel_domain {
namespace {

const std::vector<std::string> kNoChildren;

// The kinds each kind may sit under (the company sits under nothing: it is the root).
std::vector<UnitKind> AllowedParents(UnitKind child) {
  switch (child) {
    case UnitKind::kCompany: return {};
    case UnitKind::kDepartment: return {UnitKind::kCompany, UnitKind::kDepartment};
    case UnitKind::kWorkshop: return {UnitKind::kCompany, UnitKind::kDepartment};
    case UnitKind::kTeam: return {UnitKind::kWorkshop, UnitKind::kDepartment};
    case UnitKind::kPost: return {UnitKind::kDepartment, UnitKind::kWorkshop, UnitKind::kTeam};
  }
  return {};
}

// "生产部 / 一车间" -> {"生产部", "一车间"}; the full-width slash is accepted too (Chinese input methods).
std::vector<std::string> SplitReference(std::string_view text) {
  std::string normalized;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text.compare(i, 3, "／") == 0) {
      normalized += '/';
      i += 2;
    } else {
      normalized += text[i];
    }
  }
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    auto slash = normalized.find('/', start);
    out.push_back(TrimText(std::string_view(normalized).substr(start, slash == std::string::npos ? std::string::npos
                                                                                                 : slash - start)));
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  return out;
}

}  // namespace

std::string_view UnitKindCode(UnitKind kind) {
  switch (kind) {
    case UnitKind::kCompany: return "company";
    case UnitKind::kDepartment: return "department";
    case UnitKind::kWorkshop: return "workshop";
    case UnitKind::kTeam: return "team";
    case UnitKind::kPost: return "post";
  }
  return "";
}

std::string_view UnitKindLabel(UnitKind kind) {
  switch (kind) {
    case UnitKind::kCompany: return "公司";
    case UnitKind::kDepartment: return "部门";
    case UnitKind::kWorkshop: return "车间";
    case UnitKind::kTeam: return "班组";
    case UnitKind::kPost: return "岗位";
  }
  return "";
}

std::optional<UnitKind> ParseUnitKind(std::string_view code) {
  for (UnitKind k : kAllUnitKinds) {
    if (UnitKindCode(k) == code) return k;
  }
  return std::nullopt;
}

bool CanContain(UnitKind parent, UnitKind child) {
  for (UnitKind p : AllowedParents(child)) {
    if (p == parent) return true;
  }
  return false;
}

Status CheckPlacement(UnitKind parent, UnitKind child, const std::string& field) {
  if (CanContain(parent, child)) return Status::Ok();
  std::string allowed;
  for (UnitKind p : AllowedParents(child)) allowed += (allowed.empty() ? "" : "、") + std::string(UnitKindLabel(p));
  if (child == UnitKind::kCompany) {
    return FailedPrecondition("公司只能是组织架构的根节点，不能放在" + std::string(UnitKindLabel(parent)) + "下", field);
  }
  return FailedPrecondition(std::string(UnitKindLabel(child)) + "不能放在" + std::string(UnitKindLabel(parent)) +
                                "下，只能放在" + allowed + "下",
                            field);
}

OrgTree::OrgTree(std::vector<UnitNode> units) : units_(std::move(units)) {
  for (std::size_t i = 0; i < units_.size(); ++i) index_[units_[i].id] = i;
  for (const auto& u : units_) {
    if (u.parent_id.empty()) {
      if (root_id_.empty()) root_id_ = u.id;
    } else {
      children_[u.parent_id].push_back(u.id);
    }
  }
}

const UnitNode* OrgTree::Find(std::string_view id) const {
  auto it = index_.find(std::string(id));
  return it == index_.end() ? nullptr : &units_[it->second];
}

const UnitNode* OrgTree::Root() const { return root_id_.empty() ? nullptr : Find(root_id_); }

const std::vector<std::string>& OrgTree::ChildrenOf(std::string_view id) const {
  auto it = children_.find(std::string(id));
  return it == children_.end() ? kNoChildren : it->second;
}

std::vector<std::string> OrgTree::Subtree(std::string_view id) const {
  std::vector<std::string> out;
  if (Find(id) == nullptr) return out;
  std::set<std::string> seen;
  out.emplace_back(id);
  seen.insert(std::string(id));
  for (std::size_t i = 0; i < out.size(); ++i) {
    for (const auto& child : ChildrenOf(out[i])) {
      if (seen.insert(child).second) out.push_back(child);
    }
  }
  return out;
}

std::vector<std::string> OrgTree::AncestorsOf(std::string_view id) const {
  std::vector<std::string> out;
  std::set<std::string> seen;
  const UnitNode* u = Find(id);
  while (u != nullptr && seen.insert(u->id).second) {
    out.push_back(u->id);
    u = u->parent_id.empty() ? nullptr : Find(u->parent_id);
  }
  return out;
}

bool OrgTree::IsWithin(std::string_view id, std::string_view ancestor) const {
  for (const auto& a : AncestorsOf(id)) {
    if (a == ancestor) return true;
  }
  return false;
}

std::string OrgTree::Path(std::string_view id, bool include_root) const {
  auto chain = AncestorsOf(id);
  if (chain.empty()) return "";
  if (chain.size() == 1) return Find(chain[0])->name;
  std::string out;
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    const UnitNode* u = Find(*it);
    if (!include_root && u->parent_id.empty()) continue;
    out += (out.empty() ? "" : "/") + u->name;
  }
  return out;
}

Status OrgTree::CheckMove(std::string_view unit_id, std::string_view new_parent_id) const {
  const UnitNode* unit = Find(unit_id);
  const UnitNode* parent = Find(new_parent_id);
  if (unit == nullptr) return InvalidArgument("unit " + std::string(unit_id) + " is not in the tree", "unit_id");
  if (parent == nullptr) {
    return InvalidArgument("new_parent_id: no unit " + std::string(new_parent_id) + " in this enterprise",
                           "new_parent_id");
  }
  if (unit->parent_id.empty()) return FailedPrecondition("公司（根节点）不能移动", "unit_id");
  if (IsWithin(new_parent_id, unit_id)) {
    return FailedPrecondition("不能把单位移到它自己或它的下级单位下面", "new_parent_id");
  }
  return CheckPlacement(parent->kind, unit->kind, "new_parent_id");
}

Result<std::string> OrgTree::Resolve(std::string_view reference, const std::vector<UnitKind>& allowed,
                                     const std::string& field) const {
  auto wanted = SplitReference(reference);
  for (const auto& w : wanted) {
    if (w.empty()) return InvalidArgument("单位名称不能为空", field);
  }
  std::vector<const UnitNode*> matches;
  for (const auto& u : units_) {
    if (!u.active) continue;
    bool kind_ok = false;
    for (UnitKind k : allowed) kind_ok = kind_ok || k == u.kind;
    if (!kind_ok) continue;
    auto chain = AncestorsOf(u.id);  // the unit first, the root last
    if (chain.size() < wanted.size()) continue;
    bool same = true;
    for (std::size_t i = 0; i < wanted.size() && same; ++i) {
      same = Find(chain[i])->name == wanted[wanted.size() - 1 - i];
    }
    if (same) matches.push_back(&u);
  }
  if (matches.size() == 1) return matches.front()->id;
  std::string kinds;
  for (UnitKind k : allowed) kinds += (kinds.empty() ? "" : "/") + std::string(UnitKindLabel(k));
  if (matches.empty()) {
    return InvalidArgument("找不到" + kinds + "“" + std::string(reference) + "”（请填写组织架构中已有的单位）", field);
  }
  std::string listed;
  for (const auto* m : matches) listed += (listed.empty() ? "" : "、") + Path(m->id);
  return InvalidArgument("“" + std::string(reference) + "”对应多个单位（" + listed + "），请填写完整路径", field);
}

std::map<std::string, Headcount> CountHeads(const OrgTree& tree, const std::vector<HeadcountGroup>& groups) {
  std::map<std::string, Headcount> out;
  if (const UnitNode* root = tree.Root()) {
    for (const auto& id : tree.Subtree(root->id)) out[id];
  }
  for (const auto& g : groups) {
    if (tree.Find(g.unit_id) != nullptr) out[g.unit_id].direct += g.count;
    if (!g.post_id.empty() && g.post_id != g.unit_id && tree.Find(g.post_id) != nullptr) out[g.post_id].direct += g.count;
    std::set<std::string> reached;
    for (const auto& a : tree.AncestorsOf(g.unit_id)) reached.insert(a);
    if (!g.post_id.empty()) {
      for (const auto& a : tree.AncestorsOf(g.post_id)) reached.insert(a);
    }
    for (const auto& a : reached) out[a].subtree += g.count;
  }
  return out;
}

}  // namespace safeloop::personnel_domain
