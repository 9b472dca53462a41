#pragma once
/// @file temp_file.hpp
/// libxlsxwriter 1.1.4 can only write to a path, so the writer goes through a file that must never outlive
/// the call.

#include <filesystem>
#include <string>

#include "safeloop/core/status.hpp"

namespace safeloop::xlsx {

/// A unique, not yet created path under the system temp directory; the file is deleted (if it exists) when
/// this object goes away, on every path out of the writer.
class TempFile {
 public:
  explicit TempFile(const std::string& suffix);
  ~TempFile();
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;

  const std::filesystem::path& path() const { return path_; }
  /// The file's whole content; INTERNAL when it cannot be read.
  Result<std::string> ReadAll() const;

 private:
  std::filesystem::path path_;
};

}  // namespace safeloop::xlsx
