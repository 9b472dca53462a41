#include "xml.hpp"

#include "text.hpp"

namespace safeloop::xlsx {

std::string_view LocalName(std::string_view qualified) {
  auto colon = qualified.find(':');
  return colon == std::string_view::npos ? qualified : qualified.substr(colon + 1);
}

bool IsElement(const pugi::xml_node& node, std::string_view local_name) {
  return node.type() == pugi::node_element && LocalName(node.name()) == local_name;
}

pugi::xml_node Child(const pugi::xml_node& node, std::string_view local_name) {
  for (pugi::xml_node child : node.children()) {
    if (IsElement(child, local_name)) return child;
  }
  return {};
}

pugi::xml_attribute Attr(const pugi::xml_node& node, std::string_view local_name) {
  for (pugi::xml_attribute attr : node.attributes()) {
    if (LocalName(attr.name()) == local_name) return attr;
  }
  return {};
}

Status ParseXml(std::string& text, pugi::xml_document& doc, std::string_view part, bool fragment) {
  unsigned options = pugi::parse_default | pugi::parse_ws_pcdata_single | (fragment ? pugi::parse_fragment : 0u);
  pugi::xml_parse_result parsed =
      doc.load_buffer_inplace(text.data(), text.size(), options, fragment ? pugi::encoding_utf8 : pugi::encoding_auto);
  if (!parsed) {
    return InvalidArgument("not an .xlsx workbook: " + std::string(part) + " is not valid XML (" +
                               parsed.description() + " at byte " + std::to_string(parsed.offset) + ")",
                           "file");
  }
  return Status::Ok();
}

std::string StringItemText(const pugi::xml_node& item) {
  std::string text;
  for (pugi::xml_node child : item.children()) {
    if (IsElement(child, "t")) {
      text += child.text().get();
    } else if (IsElement(child, "r")) {
      text += Child(child, "t").text().get();
    }
  }
  return DecodeXString(text);
}

}  // namespace safeloop::xlsx
