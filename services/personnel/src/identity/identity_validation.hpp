#pragma once
// Input checks of the identity API that need no database; every failure names the field at fault.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "safeloop/core/clock.hpp"
#include "safeloop/core/status.hpp"
#include "safeloop/personnel_domain/people_rules.hpp"

namespace safeloop::personnel::identity {

/// Visitors' accounts live at most this long.
inline constexpr std::chrono::hours kMaxVisitorLifetime{24 * 30};

Status RequireUuid(std::string_view value, const char* field);
/// 3–64 of A-Z a-z 0-9 _ . @ -
Status ValidateUsername(std::string_view username, const char* field = "username");
/// Non-blank valid UTF-8 of at most `max_chars` characters.
Status RequireText(std::string_view value, const char* field, std::size_t max_chars, const char* label_zh);
/// Valid UTF-8 of at most `max_chars` characters (may be empty).
Status OptionalText(std::string_view value, const char* field, std::size_t max_chars, const char* label_zh);
Status ValidateOptionalMobile(std::string_view mobile, const char* field = "mobile");
Status ValidateAccountStatus(std::string_view status, const char* field = "status");
/// [a-z0-9_]{2,40}
Status ValidateRoleCode(std::string_view code, const char* field);
/// Role codes for an account: each well-formed; returns them sorted without duplicates.
Result<std::vector<std::string>> NormalizeRoleCodes(const std::vector<std::string>& codes, const char* field);
/// own | unit | subtree | enterprise (park is reserved for the built-in park supervisor role).
Status ValidateRoleScope(std::string_view scope, bool builtin, const char* field = "data_scope");
/// Each grant a glob that matches at least one code of auth::PermissionCatalog(); sorted, de-duplicated.
Result<std::vector<std::string>> NormalizeGrants(const std::vector<std::string>& grants, const char* field = "grants");
/// RFC 3339 date-time (e.g. 2026-11-23T08:00:00Z, 2026-11-23T16:00:00+08:00); nullopt when malformed.
std::optional<TimePoint> ParseRfc3339(std::string_view text);
/// A visitor's expiry: after `now` and at most kMaxVisitorLifetime ahead.
Result<TimePoint> ValidateVisitorExpiry(std::string_view text, TimePoint now, const char* field = "expires_at");
/// Count of UTF-8 code points, or -1 when `text` is not valid UTF-8 (one definition for the service).
using personnel_domain::Utf8Length;

}  // namespace safeloop::personnel::identity
