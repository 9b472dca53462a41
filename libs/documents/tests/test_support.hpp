#pragma once
/// @file test_support.hpp
/// Test helpers: temp files, running poppler-utils, reading zip entries, drawing a sign PNG.

#include <cairo.h>
#include <zip.h>

#include <array>
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <unistd.h>

namespace safeloop::documents::testing {

/// A path under the temp directory, deleted when this goes away.
class TempPath {
 public:
  explicit TempPath(const std::string& suffix) {
    static std::atomic<int> counter{0};
    path_ = std::filesystem::temp_directory_path() /
            ("safeloop-documents-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + suffix);
  }
  ~TempPath() {
    std::error_code ec;
    std::filesystem::remove(path_, ec);
  }
  TempPath(const TempPath&) = delete;
  TempPath& operator=(const TempPath&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::string string() const { return path_.string(); }

  void Write(const std::string& bytes) const {
    std::ofstream out(path_, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  }

 private:
  std::filesystem::path path_;
};

/// The standard output of `command`, nullopt when it exits non-zero.
inline std::optional<std::string> Run(const std::string& command) {
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return std::nullopt;
  std::string out;
  std::array<char, 4096> buffer;
  std::size_t n;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0) out.append(buffer.data(), n);
  int status = ::pclose(pipe);
  if (status != 0) return std::nullopt;
  return out;
}

/// Whether a program is on PATH.
inline bool HasTool(const std::string& name) { return Run("command -v " + name + " >/dev/null 2>&1").has_value(); }

/// Occurrences of `needle` in `text` (not overlapping).
inline int Count(const std::string& text, const std::string& needle) {
  int count = 0;
  for (std::size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + needle.size())) {
    ++count;
  }
  return count;
}

/// The content of entry `name` in `zip_bytes`, nullopt when absent.
inline std::optional<std::string> ZipEntry(const std::string& zip_bytes, const std::string& name) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(zip_bytes.data(), zip_bytes.size(), 0, &error);
  zip_t* archive = source == nullptr ? nullptr : zip_open_from_source(source, ZIP_RDONLY, &error);
  zip_error_fini(&error);
  if (archive == nullptr) {
    if (source != nullptr) zip_source_free(source);
    return std::nullopt;
  }
  std::optional<std::string> content;
  zip_stat_t stat;
  if (zip_stat(archive, name.c_str(), 0, &stat) == 0) {
    zip_file_t* file = zip_fopen(archive, name.c_str(), 0);
    if (file != nullptr) {
      std::string data(stat.size, '\0');
      if (zip_fread(file, data.data(), stat.size) == static_cast<zip_int64_t>(stat.size)) content = data;
      zip_fclose(file);
    }
  }
  zip_discard(archive);
  return content;
}

/// Draws a round sign (a red ring on white, like a prohibition sign) of `size` pixels to a PNG at `path`.
inline void WriteSignPng(const std::string& path, int size) {
  cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, size, size);
  cairo_t* cr = cairo_create(surface);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  cairo_set_source_rgb(cr, 0.9, 0.2, 0.2);
  cairo_set_line_width(cr, size / 10.0);
  cairo_arc(cr, size / 2.0, size / 2.0, size * 0.4, 0, 6.2832);
  cairo_stroke(cr);
  cairo_destroy(cr);
  cairo_surface_write_to_png(surface, path.c_str());
  cairo_surface_destroy(surface);
}

}  // namespace safeloop::documents::testing
