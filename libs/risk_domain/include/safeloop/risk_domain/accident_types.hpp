#pragma once
/// @file accident_types.hpp
/// Accident-type code lists for 主要后果 / 可能发生的事故类型 (standards.md §1.11), kept as data with their
/// version, because records must store the list version they were written with. GB/T 6441-1986 has 20
/// types; GB 6441-2025 (27 basic types) replaces it from 2026-07-01. Pure, no I/O.

#include <chrono>
#include <optional>
#include <span>
#include <string_view>

#include "safeloop/core/status.hpp"

namespace safeloop::risk {

inline constexpr std::string_view kAccidentTypesGbt6441_1986 = "GB/T 6441-1986";
inline constexpr std::string_view kAccidentTypesGb6441_2025 = "GB 6441-2025";
/// The day GB 6441-2025 comes into force (published 2025-12-31).
inline constexpr std::chrono::year_month_day kGb6441_2025InForce{std::chrono::year{2026}, std::chrono::July,
                                                                 std::chrono::day{1}};

/// One accident type of a list.
struct AccidentType {
  int number = 0;         ///< 1-based position in the list (see AccidentTypeList::numbering_confirmed)
  std::string_view name;  ///< the standard's name, e.g. 物体打击 or 厂(场)内车辆致害
};

/// One version of the list.
struct AccidentTypeList {
  std::string_view version;  ///< kAccidentTypesGbt6441_1986 or kAccidentTypesGb6441_2025
  /// nullopt for GB/T 6441-1986, which applies to every date before its successor.
  std::optional<std::chrono::year_month_day> in_force_from;
  /// False while the numbers are only the order of standards.md §1.11 and must be checked against the
  /// official text before they are exchanged with other systems (both lists for now).
  bool numbering_confirmed = false;
  std::span<const AccidentType> types;
};

/// Both versions, oldest first.
std::span<const AccidentTypeList> AccidentTypeLists();
/// The list of a version; NOT_FOUND (field accident_type_version) for an unknown version.
Result<AccidentTypeList> AccidentTypesOf(std::string_view version);
/// The type named `name` in a version, by exact name except that full-width parentheses （） match ASCII
/// ones. NOT_FOUND with field accident_type when the version has no such type, and with field
/// accident_type_version for an unknown version.
Result<AccidentType> FindAccidentType(std::string_view version, std::string_view name);
/// The version in force on a date: GB 6441-2025 from 2026-07-01, GB/T 6441-1986 before.
std::string_view AccidentTypeVersionOn(std::chrono::year_month_day date);

/// The injury grading GB 6441-2025 adds: 零伤亡, 轻伤, 重伤, 死亡事故.
std::span<const std::string_view> Gb6441_2025InjuryGrades();

}  // namespace safeloop::risk
