#include "safeloop/core/log.hpp"

#include <atomic>
#include <cstdio>
#include <mutex>

#include "safeloop/core/clock.hpp"

namespace safeloop {
namespace {
std::atomic<int> g_min_level{static_cast<int>(LogLevel::kInfo)};
std::mutex g_write_mutex;  // keep lines whole when threads log at once
thread_local LogContext t_context;

const char* LevelName(LogLevel level) {
  switch (level) {
    case LogLevel::kDebug: return "debug";
    case LogLevel::kInfo: return "info";
    case LogLevel::kWarn: return "warn";
    case LogLevel::kError: return "error";
  }
  return "info";
}
}  // namespace

void SetLogLevel(LogLevel level) { g_min_level = static_cast<int>(level); }

bool ParseLogLevel(std::string_view text, LogLevel& out) {
  if (text == "debug") out = LogLevel::kDebug;
  else if (text == "info") out = LogLevel::kInfo;
  else if (text == "warn") out = LogLevel::kWarn;
  else if (text == "error") out = LogLevel::kError;
  else return false;
  return true;
}

LogScope::LogScope(LogContext context) : previous_(std::move(t_context)) { t_context = std::move(context); }
LogScope::~LogScope() { t_context = std::move(previous_); }

const LogContext& CurrentLogContext() { return t_context; }

std::string FormatLogLine(LogLevel level, std::string_view component, std::string_view message,
                          const nlohmann::json& fields) {
  nlohmann::json line = {{"ts", FormatRfc3339(std::chrono::system_clock::now())},
                         {"level", LevelName(level)},
                         {"component", component},
                         {"msg", message}};
  if (!t_context.request_id.empty()) line["request_id"] = t_context.request_id;
  if (!t_context.enterprise_id.empty()) line["enterprise_id"] = t_context.enterprise_id;
  if (!t_context.park_id.empty()) line["park_id"] = t_context.park_id;
  if (fields.is_object()) {
    for (auto it = fields.begin(); it != fields.end(); ++it) line[it.key()] = it.value();
  }
  // Replace invalid UTF-8 instead of throwing: a log call must never fail.
  return line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void Log(LogLevel level, std::string_view component, std::string_view message, const nlohmann::json& fields) {
  if (static_cast<int>(level) < g_min_level.load(std::memory_order_relaxed)) return;
  std::string text = FormatLogLine(level, component, message, fields);
  std::lock_guard lock(g_write_mutex);
  std::fputs(text.c_str(), stderr);
  std::fputc('\n', stderr);
}

}  // namespace safeloop
