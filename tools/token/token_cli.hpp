#pragma once
// safeloop-token: Ed25519 key generation and token issuing for local stacks, scripts and tests.
//   safeloop-token keygen --out-dir DIR
//   safeloop-token issue --sub S --enterprise E [--park P] --role R [--role R2 …] [--ttl 30d|12h|15m|900s]
// `issue` signs with the SAFELOOP_JWT_* environment (JwtConfig::FromEnv).

#include <chrono>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "safeloop/core/clock.hpp"
#include "safeloop/core/config.hpp"

namespace safeloop::token {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;

/// "30d", "12h", "15m", "900s" → seconds; nullopt on anything else (no unit, zero, overflow, > 3650 days).
std::optional<std::chrono::seconds> ParseTtl(std::string_view text);

/// Runs one command (`args` excludes the program name). Output goes to `out` (the token, key paths) and
/// `err` (problems, notes). Returns the process exit code.
int RunTokenCli(const std::vector<std::string>& args, EnvReader& env, const Clock& clock, std::ostream& out,
                std::ostream& err);

}  // namespace safeloop::token
