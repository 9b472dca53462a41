#pragma once
// The web console's static files under SAFELOOP_WEB_ROOT: URL path → file, content type and cache policy.
// Paths never leave the root (no "..", no hidden files, symlinks resolved and re-checked); unknown paths
// without a file extension fall back to index.html so the console's client-side routes survive a reload.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace safeloop::gateway {

struct StaticFile {
  std::filesystem::path path;
  std::string content_type;
  std::string cache_control;
  std::string etag;
  std::uintmax_t size = 0;
};

class StaticFiles {
 public:
  /// An empty or missing root disables static serving (every Resolve is nullopt).
  explicit StaticFiles(std::string root);

  /// The file for a (percent-encoded) URL path, or nullopt → 404.
  std::optional<StaticFile> Resolve(std::string_view url_path) const;
  bool enabled() const { return !root_.empty(); }
  const std::filesystem::path& root() const { return root_; }

 private:
  std::optional<StaticFile> Describe(const std::filesystem::path& file) const;
  bool InsideRoot(const std::filesystem::path& canonical) const;
  std::filesystem::path root_;  // canonical, or empty when disabled
};

/// Content type for a file extension including the dot (".svg" → "image/svg+xml"); octet-stream otherwise.
std::string_view ContentTypeFor(std::string_view extension);

}  // namespace safeloop::gateway
