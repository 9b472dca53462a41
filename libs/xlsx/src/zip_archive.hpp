#pragma once
/// @file zip_archive.hpp
/// Read-only access to a zip held in memory, with one budget for all bytes inflated so a zip bomb is cut off
/// at the limit instead of filling memory.

#include <zip.h>

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "safeloop/core/status.hpp"

namespace safeloop::xlsx {

class ZipArchive {
 public:
  /// Opens `bytes` (not copied: they must outlive the archive). INVALID_ARGUMENT "not an .xlsx workbook" when
  /// they are not a zip.
  static Result<ZipArchive> Open(std::string_view bytes, std::size_t max_uncompressed_bytes);

  /// The inflated entry `name` (matched case-insensitively, as OPC part names are), nullopt when absent.
  /// INVALID_ARGUMENT when it is damaged or the budget runs out.
  Result<std::optional<std::string>> Read(std::string_view name);

 private:
  struct Closer {
    void operator()(zip_t* archive) const { zip_discard(archive); }
  };
  ZipArchive(zip_t* archive, std::size_t limit) : archive_(archive), limit_(limit), budget_(limit) {}

  std::unique_ptr<zip_t, Closer> archive_;
  std::size_t limit_;
  std::size_t budget_;  // bytes still allowed to be inflated
};

}  // namespace safeloop::xlsx
