#pragma once
/// @file xml.hpp
/// pugixml helpers that match SpreadsheetML names by local name: writers may or may not prefix elements
/// ("x:row" vs "row"), and pugixml does not resolve namespaces.

#include <pugixml.hpp>

#include <string>
#include <string_view>

#include "safeloop/core/status.hpp"

namespace safeloop::xlsx {

/// "x:row" -> "row".
std::string_view LocalName(std::string_view qualified);
bool IsElement(const pugi::xml_node& node, std::string_view local_name);

/// First child element with that local name (an empty node when none).
pugi::xml_node Child(const pugi::xml_node& node, std::string_view local_name);
/// Attribute by local name ("r:id" matches "id"); an empty attribute when none.
pugi::xml_attribute Attr(const pugi::xml_node& node, std::string_view local_name);

/// Parses `text` in place (no copy of a large part), so `text` must outlive `doc`. Keeps whitespace-only text
/// such as <t xml:space="preserve"> </t>. `fragment`: `text` is a run of elements (a slice of <sheetData>).
/// INVALID_ARGUMENT naming `part` when it is not well-formed.
Status ParseXml(std::string& text, pugi::xml_document& doc, std::string_view part, bool fragment = false);

/// The text of a string item (<si> or <is>): its own <t> plus every rich-text run's <t>, skipping phonetic
/// guides (<rPh>), with _xHHHH_ escapes decoded.
std::string StringItemText(const pugi::xml_node& item);

}  // namespace safeloop::xlsx
