#pragma once
/// @file styles.hpp
/// Which cell styles (xl/styles.xml cellXfs) show numbers as dates — the only style fact the reader needs.

#include <pugixml.hpp>

#include <vector>

#include "date_format.hpp"

namespace safeloop::xlsx {

/// Date kind per cell style index (a cell's s="N"); a style past the end is kNone.
std::vector<DateKind> ReadDateStyles(const pugi::xml_document& styles);

}  // namespace safeloop::xlsx
