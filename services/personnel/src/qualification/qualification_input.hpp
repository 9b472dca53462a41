#pragma once
// Input checks of the qualification API that need no database. Every failure is INVALID_ARGUMENT naming
// the field, with a Chinese message for the person filling in the form.

#include <optional>
#include <string>
#include <string_view>

#include "safeloop/core/status.hpp"
#include "safeloop/personnel_domain/certificates.hpp"

namespace safeloop::personnel::qualification {

inline constexpr std::size_t kMaxImageBytes = 5 * 1024 * 1024;

Status RequireUuid(std::string_view value, const char* field);
/// Empty is fine; otherwise a UUID.
Status OptionalUuid(std::string_view value, const char* field);
/// Non-blank, valid UTF-8, at most `max_chars` characters.
Status RequireText(std::string_view value, const char* field, std::size_t max_chars);
/// Valid UTF-8 of at most `max_chars` characters (may be empty).
Status OptionalText(std::string_view value, const char* field, std::size_t max_chars);
/// A required "YYYY-MM-DD".
Result<personnel_domain::Date> RequireDate(std::string_view value, const char* field);
/// Empty → nullopt; else a valid "YYYY-MM-DD".
Result<std::optional<personnel_domain::Date>> OptionalDate(std::string_view value, const char* field);
/// Empty → nullopt; else RFC 3339.
Result<std::optional<TimePoint>> OptionalInstant(std::string_view value, const char* field);
/// "approve" | "reject" → "approved" | "rejected".
Result<std::string> ReviewDecision(std::string_view value, const char* field);

/// "image/jpeg" or "image/png" by magic bytes; INVALID_ARGUMENT when neither or larger than 5 MiB.
Result<std::string> ImageContentType(std::string_view bytes, const char* field, bool png_only);

}  // namespace safeloop::personnel::qualification
