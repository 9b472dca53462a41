#pragma once
/// @file org_tree.hpp
/// The organisation tree of one enterprise (公司/部门/车间/班组/岗位) and its rules, without I/O:
///   - where each kind may sit: the company is the root and only the root; a department (部门) under the
///     company or a department; a workshop (车间) under the company or a department; a team (班组) under a
///     workshop or a department; a post (岗位) under a department, workshop or team; nothing under a post;
///   - a move never makes a unit its own ancestor;
///   - unit references in imports: "/"-separated names that must match the end of exactly one unit's path
///     from the root ("一车间", "生产部/一车间" or "某某化工/生产部/一车间");
///   - headcounts per unit and per subtree.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "safeloop/core/status.hpp"

namespace safeloop::personnel_domain {

enum class UnitKind { kCompany, kDepartment, kWorkshop, kTeam, kPost };

inline constexpr UnitKind kAllUnitKinds[] = {UnitKind::kCompany, UnitKind::kDepartment, UnitKind::kWorkshop,
                                             UnitKind::kTeam, UnitKind::kPost};

/// "company" | "department" | "workshop" | "team" | "post"
std::string_view UnitKindCode(UnitKind kind);
/// 公司 | 部门 | 车间 | 班组 | 岗位
std::string_view UnitKindLabel(UnitKind kind);
std::optional<UnitKind> ParseUnitKind(std::string_view code);

/// Whether a unit of kind `child` may sit directly under one of kind `parent`.
bool CanContain(UnitKind parent, UnitKind child);
/// OK, or FAILED_PRECONDITION (field `field`) saying which kinds `child` may sit under.
Status CheckPlacement(UnitKind parent, UnitKind child, const std::string& field);

struct UnitNode {
  std::string id;
  std::string parent_id;  // "" for the root
  UnitKind kind = UnitKind::kDepartment;
  std::string name;
  bool active = true;
};

/// An enterprise's units, indexed. Children keep the order in which units were given.
class OrgTree {
 public:
  explicit OrgTree(std::vector<UnitNode> units);

  const UnitNode* Find(std::string_view id) const;
  /// The unit without a parent (nullptr for an empty tree).
  const UnitNode* Root() const;
  const std::vector<std::string>& ChildrenOf(std::string_view id) const;

  /// `id` and everything below it, parents before children.
  std::vector<std::string> Subtree(std::string_view id) const;
  /// Whether `id` is `ancestor` or lies below it.
  bool IsWithin(std::string_view id, std::string_view ancestor) const;
  /// From `id` up to the root, `id` first. Stops at a unit seen twice (a corrupt parent chain).
  std::vector<std::string> AncestorsOf(std::string_view id) const;

  /// Names from the root down joined by "/"; with include_root false the root's own name is left out
  /// except for the root itself ("生产部/一车间"; the root answers "某某化工").
  std::string Path(std::string_view id, bool include_root = false) const;

  /// Moving `unit_id` under `new_parent_id`: FAILED_PRECONDITION when the unit is the root, when the new
  /// parent is the unit or below it (a cycle), or when the kinds do not fit; NOT_FOUND-free: both ids must
  /// exist (INVALID_ARGUMENT otherwise).
  Status CheckMove(std::string_view unit_id, std::string_view new_parent_id) const;

  /// The one active unit of an allowed kind whose path ends with the reference's names; INVALID_ARGUMENT
  /// (field `field`) for a blank reference, no match, or several matches (listing them, asking for a longer
  /// path).
  Result<std::string> Resolve(std::string_view reference, const std::vector<UnitKind>& allowed,
                              const std::string& field) const;

 private:
  std::vector<UnitNode> units_;
  std::unordered_map<std::string, std::size_t> index_;
  std::unordered_map<std::string, std::vector<std::string>> children_;
  std::string root_id_;
};

/// Active people grouped by where they are assigned (a unit, and optionally a post).
struct HeadcountGroup {
  std::string unit_id;
  std::string post_id;  // "" = no post
  int count = 0;
};
struct Headcount {
  int direct = 0;   // assigned to the unit itself (for a post: holding it)
  int subtree = 0;  // distinct people assigned anywhere in the unit's subtree
};
/// Headcount of every unit of `tree` (units without people are present with zeros). A person whose unit
/// and post both lie below a unit counts once there.
std::map<std::string, Headcount> CountHeads(const OrgTree& tree, const std::vector<HeadcountGroup>& groups);

}  // namespace safeloop::personnel_domain
