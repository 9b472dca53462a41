#include "package.hpp"

#include "xml.hpp"

namespace safeloop::xlsx {

bool Relationship::IsType(std::string_view suffix) const {
  std::string_view t = type;
  return t.size() > suffix.size() && t.substr(t.size() - suffix.size()) == suffix &&
         t[t.size() - suffix.size() - 1] == '/';
}

std::string RelsPathFor(std::string_view part) {
  auto slash = part.rfind('/');
  std::string_view dir = slash == std::string_view::npos ? std::string_view() : part.substr(0, slash + 1);
  std::string_view file = slash == std::string_view::npos ? part : part.substr(slash + 1);
  return std::string(dir) + "_rels/" + std::string(file) + ".rels";
}

std::string ResolveTarget(std::string_view source_part, std::string_view target) {
  std::string joined;
  if (!target.empty() && target.front() == '/') {
    joined = target.substr(1);
  } else {
    auto slash = source_part.rfind('/');
    if (slash != std::string_view::npos) joined = source_part.substr(0, slash + 1);
    joined += target;
  }
  std::vector<std::string> segments;
  std::size_t start = 0;
  while (start <= joined.size()) {
    auto end = joined.find('/', start);
    if (end == std::string::npos) end = joined.size();
    std::string segment = joined.substr(start, end - start);
    if (segment == "..") {
      if (!segments.empty()) segments.pop_back();
    } else if (!segment.empty() && segment != ".") {
      segments.push_back(std::move(segment));
    }
    start = end + 1;
  }
  std::string path;
  for (const std::string& segment : segments) {
    if (!path.empty()) path += '/';
    path += segment;
  }
  return path;
}

Result<std::vector<Relationship>> ReadRelationships(ZipArchive& zip, std::string_view part) {
  std::string rels_path = RelsPathFor(part);
  auto text = zip.Read(rels_path);
  if (!text.ok()) return text.status();
  std::vector<Relationship> relationships;
  if (!text->has_value()) return relationships;

  pugi::xml_document doc;
  SAFELOOP_RETURN_IF_ERROR(ParseXml(**text, doc, rels_path));
  for (pugi::xml_node node : Child(doc, "Relationships").children()) {
    if (!IsElement(node, "Relationship")) continue;
    if (std::string_view(Attr(node, "TargetMode").value()) == "External") continue;
    relationships.push_back({Attr(node, "Id").value(), Attr(node, "Type").value(),
                             ResolveTarget(part, Attr(node, "Target").value())});
  }
  return relationships;
}

}  // namespace safeloop::xlsx
