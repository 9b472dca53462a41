#pragma once
/// @file package.hpp
/// The Open Packaging Conventions layer of .xlsx: parts find each other through _rels/*.rels files.

#include <string>
#include <string_view>
#include <vector>

#include "safeloop/core/status.hpp"
#include "zip_archive.hpp"

namespace safeloop::xlsx {

struct Relationship {
  std::string id;
  std::string type;    // a URI ending in e.g. "/worksheet", "/sharedStrings", "/styles", "/officeDocument"
  std::string target;  // resolved to a zip entry name, e.g. "xl/worksheets/sheet1.xml"

  bool IsType(std::string_view suffix) const;  // "worksheet" matches ".../relationships/worksheet"
};

/// The relationships part of `part`: "xl/workbook.xml" -> "xl/_rels/workbook.xml.rels", "" -> "_rels/.rels".
std::string RelsPathFor(std::string_view part);

/// A Target as a zip entry name: relative to the directory of `source_part`, or to the package root when it
/// starts with "/"; "." and ".." segments are folded.
std::string ResolveTarget(std::string_view source_part, std::string_view target);

/// The internal relationships declared by `part` (external links skipped); empty when it declares none.
Result<std::vector<Relationship>> ReadRelationships(ZipArchive& zip, std::string_view part);

}  // namespace safeloop::xlsx
