#include "zip_archive.hpp"

#include <array>

namespace safeloop::xlsx {
namespace {

Status NotXlsx(std::string detail) { return InvalidArgument("not an .xlsx workbook: " + detail, "file"); }

// Excel saves .xls files and password-protected .xlsx files as OLE compound documents, not zips.
bool IsOleCompoundFile(std::string_view bytes) {
  return bytes.substr(0, 8) == std::string_view("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
}

Status TooLarge(std::size_t limit, const std::string& entry) {
  std::string size = limit >= (1u << 20) ? std::to_string(limit >> 20) + " MiB" : std::to_string(limit) + " bytes";
  return InvalidArgument("xlsx: the workbook inflates to more than " + size + " (at " + entry +
                             "); split it into smaller files",
                         "file");
}

struct FileCloser {
  void operator()(zip_file_t* file) const { zip_fclose(file); }
};

}  // namespace

Result<ZipArchive> ZipArchive::Open(std::string_view bytes, std::size_t max_uncompressed_bytes) {
  if (IsOleCompoundFile(bytes)) {
    return NotXlsx("this is an old .xls file or a password-protected workbook; save it in Excel as .xlsx "
                   "without a password");
  }
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (source == nullptr) {
    zip_error_fini(&error);
    return Internal("xlsx: cannot wrap the upload for reading");
  }
  zip_t* archive = zip_open_from_source(source, ZIP_RDONLY, &error);
  if (archive == nullptr) {
    zip_source_free(source);  // still ours when opening fails
    std::string reason = zip_error_strerror(&error);
    zip_error_fini(&error);
    return NotXlsx("the file is not a zip package (" + reason + ")");
  }
  zip_error_fini(&error);
  return ZipArchive(archive, max_uncompressed_bytes);
}

Result<std::optional<std::string>> ZipArchive::Read(std::string_view name) {
  std::string entry(name);
  zip_int64_t index = zip_name_locate(archive_.get(), entry.c_str(), ZIP_FL_NOCASE);
  if (index < 0) return std::optional<std::string>();

  zip_stat_t stat;
  zip_stat_init(&stat);
  if (zip_stat_index(archive_.get(), index, 0, &stat) == 0 && (stat.valid & ZIP_STAT_SIZE) && stat.size > budget_) {
    return TooLarge(limit_, entry);
  }
  std::unique_ptr<zip_file_t, FileCloser> file(zip_fopen_index(archive_.get(), index, 0));
  if (!file) return NotXlsx(entry + " cannot be opened (" + zip_strerror(archive_.get()) + ")");

  // The declared size may lie, so the budget is enforced on the bytes actually inflated.
  std::string data;
  std::array<char, 64 * 1024> chunk;
  for (;;) {
    zip_int64_t n = zip_fread(file.get(), chunk.data(), chunk.size());
    if (n < 0) return NotXlsx(entry + " is damaged (" + zip_file_strerror(file.get()) + ")");
    if (n == 0) break;
    if (static_cast<std::size_t>(n) > budget_) {
      return TooLarge(limit_, entry);
    }
    budget_ -= static_cast<std::size_t>(n);
    data.append(chunk.data(), static_cast<std::size_t>(n));
  }
  return std::optional<std::string>(std::move(data));
}

}  // namespace safeloop::xlsx
