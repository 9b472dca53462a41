#include "router.hpp"

#include <optional>
#include <stdexcept>

namespace safeloop::gateway {
namespace {
bool IsParam(std::string_view segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}
int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
}  // namespace

std::vector<std::string_view> SplitPath(std::string_view path) {
  std::vector<std::string_view> out;
  if (path.empty() || path.front() != '/') return out;
  path.remove_prefix(1);
  while (true) {
    auto slash = path.find('/');
    out.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return out;
}

std::optional<std::string> PercentDecode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out += text[i];
      continue;
    }
    if (i + 2 >= text.size()) return std::nullopt;
    int hi = HexDigit(text[i + 1]), lo = HexDigit(text[i + 2]);
    if (hi < 0 || lo < 0 || (hi == 0 && lo == 0)) return std::nullopt;
    out += static_cast<char>(hi * 16 + lo);
    i += 2;
  }
  return out;
}

Router::Router(std::vector<RouteSpec> routes) : routes_(std::move(routes)) {
  for (const auto& route : routes_) {
    Compiled c;
    for (auto segment : SplitPath(route.pattern)) {
      if (segment.empty()) throw std::invalid_argument("route pattern has an empty segment: " + route.pattern);
      if (!IsParam(segment)) {
        if (segment.find_first_of("{}") != std::string_view::npos) {
          throw std::invalid_argument("route pattern segment must be literal or {name}: " + route.pattern);
        }
        ++c.literal_count;
      }
      c.segments.emplace_back(segment);
    }
    if (c.segments.empty()) throw std::invalid_argument("route pattern must start with '/': " + route.pattern);
    for (std::size_t i = 0; i < compiled_.size(); ++i) {
      const auto& other = compiled_[i];
      if (routes_[i].method != route.method || other.segments.size() != c.segments.size()) continue;
      bool same_shape = true;
      for (std::size_t s = 0; s < c.segments.size() && same_shape; ++s) {
        bool a = IsParam(c.segments[s]), b = IsParam(other.segments[s]);
        same_shape = (a && b) || (!a && !b && c.segments[s] == other.segments[s]);
      }
      if (same_shape) throw std::invalid_argument("duplicate route " + route.method + " " + route.pattern);
    }
    compiled_.push_back(std::move(c));
  }
}

RouteMatch Router::Find(std::string_view method, std::string_view path) const {
  auto segments = SplitPath(path);
  RouteMatch best;
  std::optional<std::size_t> best_literals;
  for (std::size_t i = 0; i < routes_.size(); ++i) {
    const auto& c = compiled_[i];
    if (c.segments.size() != segments.size()) continue;
    std::map<std::string, std::string> params;
    bool ok = true;
    for (std::size_t s = 0; s < segments.size() && ok; ++s) {
      const std::string& want = c.segments[s];
      if (IsParam(want)) {
        auto value = PercentDecode(segments[s]);
        ok = value.has_value() && !value->empty();
        if (ok) params[want.substr(1, want.size() - 2)] = std::move(*value);
      } else {
        ok = want == segments[s];
      }
    }
    if (!ok) continue;
    if (routes_[i].method != method) {
      best.allowed_methods.push_back(routes_[i].method);
      continue;
    }
    if (!best_literals || c.literal_count > *best_literals) {
      best_literals = c.literal_count;
      best.route = &routes_[i];
      best.params = std::move(params);
    }
  }
  if (best.route != nullptr) best.allowed_methods.clear();
  return best;
}

}  // namespace safeloop::gateway
