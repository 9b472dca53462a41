#pragma once
/// @file zip_builder.hpp
/// Test helpers: build zips (and minimal hand-made .xlsx packages) in memory with libzip, and read entries
/// back out of the writer's output.

#include <zip.h>

#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace safeloop::xlsx::testing {

/// A zip holding `entries` (name -> content), deflated.
inline std::string MakeZip(const std::vector<std::pair<std::string, std::string>>& entries) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  if (buffer == nullptr) throw std::runtime_error("zip_source_buffer_create");
  zip_source_keep(buffer);  // survives zip_close so the bytes can be read back
  zip_t* archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  if (archive == nullptr) throw std::runtime_error("zip_open_from_source");
  for (const auto& [name, content] : entries) {
    zip_source_t* data = zip_source_buffer(archive, content.data(), content.size(), 0);
    if (data == nullptr || zip_file_add(archive, name.c_str(), data, ZIP_FL_ENC_UTF_8) < 0) {
      throw std::runtime_error("zip_file_add " + name);
    }
  }
  if (zip_close(archive) < 0) throw std::runtime_error("zip_close");

  std::string bytes;
  zip_stat_t stat;
  if (zip_source_stat(buffer, &stat) == 0 && stat.size > 0) {
    bytes.resize(stat.size);
    zip_source_open(buffer);
    zip_source_read(buffer, bytes.data(), bytes.size());
    zip_source_close(buffer);
  }
  zip_source_free(buffer);
  zip_error_fini(&error);
  return bytes;
}

/// The content of entry `name` in `zip_bytes`, nullopt when absent.
inline std::optional<std::string> ZipEntry(const std::string& zip_bytes, const std::string& name) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(zip_bytes.data(), zip_bytes.size(), 0, &error);
  zip_t* archive = zip_open_from_source(source, ZIP_RDONLY, &error);
  zip_error_fini(&error);
  if (archive == nullptr) {
    zip_source_free(source);
    return std::nullopt;
  }
  std::optional<std::string> content;
  zip_stat_t stat;
  if (zip_stat(archive, name.c_str(), 0, &stat) == 0) {
    zip_file_t* file = zip_fopen(archive, name.c_str(), 0);
    content.emplace(stat.size, '\0');
    zip_fread(file, content->data(), stat.size);
    zip_fclose(file);
  }
  zip_discard(archive);
  return content;
}

/// The parts of a small .xlsx package; empty strings are left out of the zip.
struct XlsxParts {
  std::string workbook = R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"
          xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
  <sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets>
</workbook>)";
  std::string workbook_rels = R"(<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
  <Relationship Id="rId1"
      Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
      Target="worksheets/sheet1.xml"/>
  <Relationship Id="rId2"
      Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
      Target="sharedStrings.xml"/>
  <Relationship Id="rId3"
      Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"
      Target="styles.xml"/>
</Relationships>)";
  std::string shared_strings;
  std::string styles;
  /// Entry name -> content of each worksheet (sheet1 is the one `workbook` points at by default).
  std::map<std::string, std::string> sheets;
};

/// The <worksheet> document around `sheet_data_rows` (the children of <sheetData>).
inline std::string WorksheetXml(const std::string& sheet_data_rows) {
  return R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>)" +
         sheet_data_rows + "</sheetData></worksheet>";
}

inline std::string BuildXlsx(const XlsxParts& parts) {
  std::vector<std::pair<std::string, std::string>> entries = {
      {"[Content_Types].xml",
       R"(<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>)"},
      {"_rels/.rels", R"(<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
  <Relationship Id="rId1"
      Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
      Target="xl/workbook.xml"/>
</Relationships>)"},
      {"xl/workbook.xml", parts.workbook},
      {"xl/_rels/workbook.xml.rels", parts.workbook_rels},
  };
  if (!parts.shared_strings.empty()) entries.emplace_back("xl/sharedStrings.xml", parts.shared_strings);
  if (!parts.styles.empty()) entries.emplace_back("xl/styles.xml", parts.styles);
  for (const auto& [name, content] : parts.sheets) entries.emplace_back(name, content);
  return MakeZip(entries);
}

}  // namespace safeloop::xlsx::testing
