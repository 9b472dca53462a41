#pragma once
/// @file log.hpp
/// Structured logs: one JSON object per line on stderr, with time, level, message, the component,
/// and — when set for the current thread by a LogScope — the request id and tenant.
///   LogInfo("relay", "published batch", {{"count", 12}});
/// Output: {"ts":"2026-11-23T10:00:00.123Z","level":"info","component":"relay","msg":"published batch",
///          "request_id":"...","enterprise_id":"...","count":12}

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace safeloop {

enum class LogLevel { kDebug = 0, kInfo = 1, kWarn = 2, kError = 3 };

/// Sets the minimum level written (default info; SAFELOOP_LOG_LEVEL at startup).
void SetLogLevel(LogLevel level);
/// Parses "debug"/"info"/"warn"/"error"; false on anything else.
bool ParseLogLevel(std::string_view text, LogLevel& out);

/// Request context attached to every log line written on this thread while the scope lives.
struct LogContext {
  std::string request_id;
  std::string enterprise_id;
  std::string park_id;
};

class LogScope {
 public:
  explicit LogScope(LogContext context);
  ~LogScope();
  LogScope(const LogScope&) = delete;
  LogScope& operator=(const LogScope&) = delete;

 private:
  LogContext previous_;
};

/// The context of the current thread (empty strings when none).
const LogContext& CurrentLogContext();

void Log(LogLevel level, std::string_view component, std::string_view message,
         const nlohmann::json& fields = nlohmann::json::object());
/// Formats the line without writing it (tests).
std::string FormatLogLine(LogLevel level, std::string_view component, std::string_view message,
                          const nlohmann::json& fields);

inline void LogDebug(std::string_view c, std::string_view m, const nlohmann::json& f = nlohmann::json::object()) {
  Log(LogLevel::kDebug, c, m, f);
}
inline void LogInfo(std::string_view c, std::string_view m, const nlohmann::json& f = nlohmann::json::object()) {
  Log(LogLevel::kInfo, c, m, f);
}
inline void LogWarn(std::string_view c, std::string_view m, const nlohmann::json& f = nlohmann::json::object()) {
  Log(LogLevel::kWarn, c, m, f);
}
inline void LogError(std::string_view c, std::string_view m, const nlohmann::json& f = nlohmann::json::object()) {
  Log(LogLevel::kError, c, m, f);
}

}  // namespace safeloop
