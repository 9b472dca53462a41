#pragma once
// Method + path → route and path parameters. Patterns are '/'-separated literal segments and {name}
// parameters; a literal beats a parameter when both match.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "route_table.hpp"

namespace safeloop::gateway {

struct RouteMatch {
  const RouteSpec* route = nullptr;              ///< null when nothing matched
  std::map<std::string, std::string> params;     ///< percent-decoded path parameters
  std::vector<std::string> allowed_methods;      ///< set when the path matched but not the method (→ 405)
};

class Router {
 public:
  /// Throws std::invalid_argument on a malformed pattern or two routes with the same method and shape.
  explicit Router(std::vector<RouteSpec> routes);

  RouteMatch Find(std::string_view method, std::string_view path) const;
  const std::vector<RouteSpec>& routes() const { return routes_; }

 private:
  struct Compiled {
    std::vector<std::string> segments;  // literal text, or "{name}"
    std::size_t literal_count = 0;
  };
  std::vector<RouteSpec> routes_;
  std::vector<Compiled> compiled_;
};

/// Splits "/a/b/c" into {"a","b","c"}; a trailing slash yields a final empty segment.
std::vector<std::string_view> SplitPath(std::string_view path);
/// RFC 3986 percent-decoding; nullopt on a malformed escape or a decoded NUL.
std::optional<std::string> PercentDecode(std::string_view text);

}  // namespace safeloop::gateway
