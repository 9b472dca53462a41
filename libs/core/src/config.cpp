#include "safeloop/core/config.hpp"

#include <charconv>
#include <cstdlib>

namespace safeloop {

namespace {
std::string JoinProblems(const std::vector<std::string>& problems) {
  std::string text = "invalid configuration:";
  for (const auto& p : problems) text += "\n  - " + p;
  return text;
}
}  // namespace

ConfigError::ConfigError(const std::vector<std::string>& problems)
    : std::runtime_error(JoinProblems(problems)), problems_(problems) {}

EnvReader::EnvReader()
    : lookup_([](const std::string& name) -> std::optional<std::string> {
        const char* v = std::getenv(name.c_str());
        if (v == nullptr) return std::nullopt;
        return std::string(v);
      }) {}

EnvReader::EnvReader(std::map<std::string, std::string> values)
    : lookup_([values = std::move(values)](const std::string& name) -> std::optional<std::string> {
        auto it = values.find(name);
        if (it == values.end()) return std::nullopt;
        return it->second;
      }) {}

std::optional<std::string> EnvReader::Lookup(const std::string& name) const {
  auto v = lookup_(name);
  if (v && v->empty()) return std::nullopt;  // an empty variable counts as unset
  return v;
}

std::string EnvReader::String(const std::string& name, std::optional<std::string> fallback) {
  if (auto v = Lookup(name)) return *v;
  if (fallback) return *fallback;
  Problem(name + " is required but not set");
  return {};
}

std::int64_t EnvReader::Int(const std::string& name, std::optional<std::int64_t> fallback, std::int64_t min,
                            std::int64_t max) {
  auto v = Lookup(name);
  if (!v) {
    if (fallback) return *fallback;
    Problem(name + " is required but not set");
    return 0;
  }
  std::int64_t out = 0;
  auto [ptr, ec] = std::from_chars(v->data(), v->data() + v->size(), out);
  if (ec != std::errc() || ptr != v->data() + v->size()) {
    Problem(name + "='" + *v + "' is not an integer");
    return 0;
  }
  if (out < min || out > max) {
    Problem(name + "=" + *v + " is out of range [" + std::to_string(min) + ", " + std::to_string(max) + "]");
  }
  return out;
}

bool EnvReader::Bool(const std::string& name, std::optional<bool> fallback) {
  auto v = Lookup(name);
  if (!v) {
    if (fallback) return *fallback;
    Problem(name + " is required but not set");
    return false;
  }
  if (*v == "1" || *v == "true" || *v == "yes" || *v == "on") return true;
  if (*v == "0" || *v == "false" || *v == "no" || *v == "off") return false;
  Problem(name + "='" + *v + "' is not a boolean (use true/false)");
  return false;
}

std::optional<HostPort> ParseHostPort(const std::string& text) {
  auto colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0) return std::nullopt;
  int port = 0;
  const char* begin = text.data() + colon + 1;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(begin, end, port);
  if (ec != std::errc() || ptr != end || port < 1 || port > 65535) return std::nullopt;
  return HostPort{text.substr(0, colon), static_cast<std::uint16_t>(port)};
}

HostPort EnvReader::Address(const std::string& name, std::optional<std::string> fallback) {
  auto v = Lookup(name);
  if (!v && !fallback) {
    Problem(name + " is required but not set (host:port)");
    return {};
  }
  std::string text = v ? *v : *fallback;
  auto parsed = ParseHostPort(text);
  if (!parsed) {
    Problem(name + "='" + text + "' is not host:port with a port in 1..65535");
    return {};
  }
  return *parsed;
}

std::string EnvReader::OneOf(const std::string& name, const std::vector<std::string>& allowed,
                             std::optional<std::string> fallback) {
  std::string v = String(name, fallback);
  for (const auto& a : allowed) {
    if (a == v) return v;
  }
  std::string list;
  for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
  Problem(name + "='" + v + "' must be one of: " + list);
  return v;
}

void EnvReader::Finish() const {
  if (!problems_.empty()) throw ConfigError(problems_);
}

}  // namespace safeloop
