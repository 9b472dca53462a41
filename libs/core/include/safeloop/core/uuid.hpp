#pragma once
/// @file uuid.hpp
/// UUIDv7 (RFC 9562): 48-bit Unix-ms timestamp, then random bits; sortable by creation time, which
/// keeps B-tree inserts local. Ids are generated in-process (no DB round trip).

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "safeloop/core/clock.hpp"

namespace safeloop {

/// Canonical lowercase 8-4-4-4-12 text of a new UUIDv7. Monotonic within one process even when
/// several ids fall in the same millisecond (RFC 9562 method 3: counter in rand_a).
std::string NewUuidV7();
std::string NewUuidV7(const Clock& clock);

/// True for a canonical 36-char UUID text (any version), case-insensitive.
bool IsUuid(std::string_view text);
/// Version nibble of a valid UUID text, nullopt when not a UUID.
std::optional<int> UuidVersion(std::string_view text);
/// Milliseconds embedded in a UUIDv7.
std::optional<std::int64_t> UuidV7Millis(std::string_view text);

}  // namespace safeloop
