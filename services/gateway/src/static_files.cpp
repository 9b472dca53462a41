#include "static_files.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <utility>

#include "router.hpp"

namespace safeloop::gateway {
namespace fs = std::filesystem;

namespace {
constexpr std::array<std::pair<std::string_view, std::string_view>, 19> kTypes = {{
    {".html", "text/html; charset=utf-8"},
    {".htm", "text/html; charset=utf-8"},
    {".js", "text/javascript; charset=utf-8"},
    {".mjs", "text/javascript; charset=utf-8"},
    {".css", "text/css; charset=utf-8"},
    {".json", "application/json"},
    {".map", "application/json"},
    {".svg", "image/svg+xml"},
    {".png", "image/png"},
    {".jpg", "image/jpeg"},
    {".jpeg", "image/jpeg"},
    {".gif", "image/gif"},
    {".webp", "image/webp"},
    {".ico", "image/x-icon"},
    {".txt", "text/plain; charset=utf-8"},
    {".woff", "font/woff"},
    {".woff2", "font/woff2"},
    {".wasm", "application/wasm"},
    {".webmanifest", "application/manifest+json"},
}};

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}
}  // namespace

std::string_view ContentTypeFor(std::string_view extension) {
  std::string ext = Lower(extension);
  for (const auto& [e, type] : kTypes) {
    if (e == ext) return type;
  }
  return "application/octet-stream";
}

StaticFiles::StaticFiles(std::string root) {
  if (root.empty()) return;
  std::error_code ec;
  fs::path canonical = fs::canonical(root, ec);
  if (!ec && fs::is_directory(canonical, ec)) root_ = canonical;
}

bool StaticFiles::InsideRoot(const fs::path& canonical) const {
  auto [r, c] = std::mismatch(root_.begin(), root_.end(), canonical.begin(), canonical.end());
  return r == root_.end();
}

std::optional<StaticFile> StaticFiles::Describe(const fs::path& file) const {
  std::error_code ec;
  fs::path canonical = fs::canonical(file, ec);
  if (ec || !InsideRoot(canonical) || !fs::is_regular_file(canonical, ec)) return std::nullopt;
  StaticFile out;
  out.path = canonical;
  out.size = fs::file_size(canonical, ec);
  if (ec) return std::nullopt;
  auto mtime = fs::last_write_time(canonical, ec).time_since_epoch();
  auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(mtime).count();
  char etag[64];
  std::snprintf(etag, sizeof etag, "\"%jx-%llx\"", out.size, static_cast<unsigned long long>(ns));
  out.etag = etag;
  out.content_type = ContentTypeFor(canonical.extension().string());
  fs::path relative = canonical.lexically_relative(root_);
  if (canonical.extension() == ".html") {
    out.cache_control = "no-cache";  // the entry point must always be revalidated to pick up new bundles
  } else if (!relative.empty() && *relative.begin() == "assets") {
    out.cache_control = "public, max-age=31536000, immutable";  // content-hashed bundle names
  } else {
    out.cache_control = "public, max-age=3600";
  }
  return out;
}

std::optional<StaticFile> StaticFiles::Resolve(std::string_view url_path) const {
  if (!enabled() || url_path.empty() || url_path.front() != '/') return std::nullopt;
  fs::path relative;
  bool last_has_extension = false;
  for (auto raw : SplitPath(url_path)) {
    auto segment = PercentDecode(raw);
    if (!segment) return std::nullopt;
    if (segment->empty() || *segment == ".") continue;
    // No parent references, hidden files, or smuggled separators.
    if (segment->front() == '.' || segment->find_first_of("/\\") != std::string::npos) return std::nullopt;
    relative /= *segment;
    last_has_extension = segment->find('.') != std::string::npos;
  }
  fs::path candidate = root_ / relative;
  std::error_code ec;
  if (fs::is_directory(candidate, ec)) return Describe(candidate / "index.html");
  if (auto file = Describe(candidate)) return file;
  if (!last_has_extension) return Describe(root_ / "index.html");  // client-side route
  return std::nullopt;
}

}  // namespace safeloop::gateway
