#pragma once
/// @file config.hpp
/// Typed configuration from the environment. A service builds its config struct with an EnvReader,
/// which collects *every* problem (missing variable, bad integer, out-of-range port ...) and then
/// `Finish()` throws one ConfigError listing them all, so an operator fixes everything in one go.

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace safeloop {

class ConfigError : public std::runtime_error {
 public:
  explicit ConfigError(const std::vector<std::string>& problems);
  const std::vector<std::string>& problems() const { return problems_; }

 private:
  std::vector<std::string> problems_;
};

/// host:port pair, validated (port 1..65535, host non-empty).
struct HostPort {
  std::string host;
  std::uint16_t port = 0;
  std::string ToString() const { return host + ":" + std::to_string(port); }
};

class EnvReader {
 public:
  /// Reads the process environment.
  EnvReader();
  /// Reads from a map instead (tests).
  explicit EnvReader(std::map<std::string, std::string> values);

  std::string String(const std::string& name, std::optional<std::string> fallback = std::nullopt);
  std::int64_t Int(const std::string& name, std::optional<std::int64_t> fallback, std::int64_t min, std::int64_t max);
  bool Bool(const std::string& name, std::optional<bool> fallback = std::nullopt);
  HostPort Address(const std::string& name, std::optional<std::string> fallback = std::nullopt);
  /// One of `allowed` (exact match).
  std::string OneOf(const std::string& name, const std::vector<std::string>& allowed,
                    std::optional<std::string> fallback = std::nullopt);

  /// Throws ConfigError if any read failed.
  void Finish() const;

 private:
  std::optional<std::string> Lookup(const std::string& name) const;
  void Problem(std::string text) { problems_.push_back(std::move(text)); }

  std::function<std::optional<std::string>(const std::string&)> lookup_;
  std::vector<std::string> problems_;
};

/// Parses "host:port"; nullopt on a malformed value.
std::optional<HostPort> ParseHostPort(const std::string& text);

}  // namespace safeloop
