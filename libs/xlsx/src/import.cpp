#include "safeloop/xlsx/import.hpp"

namespace safeloop::xlsx {
namespace {

constexpr std::string_view kIdeographicSpace = "\xE3\x80\x80";  // U+3000, what a Chinese IME types as a space
constexpr std::string_view kFullwidthStar = "\xEF\xBC\x8A";     // U+FF0A "＊"

bool IsAsciiSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string_view Trim(std::string_view text) {
  for (;;) {
    if (!text.empty() && IsAsciiSpace(text.front())) {
      text.remove_prefix(1);
    } else if (text.starts_with(kIdeographicSpace)) {
      text.remove_prefix(kIdeographicSpace.size());
    } else if (!text.empty() && IsAsciiSpace(text.back())) {
      text.remove_suffix(1);
    } else if (text.ends_with(kIdeographicSpace)) {
      text.remove_suffix(kIdeographicSpace.size());
    } else {
      return text;
    }
  }
}

std::string Join(const std::vector<std::string>& items) {
  std::string joined;
  for (const std::string& item : items) {
    if (!joined.empty()) joined += ", ";
    joined += item;
  }
  return joined;
}

}  // namespace

std::string NormalizeHeader(std::string_view text) {
  text = Trim(text);
  if (text.ends_with('*')) {
    text.remove_suffix(1);
  } else if (text.ends_with(kFullwidthStar)) {
    text.remove_suffix(kFullwidthStar.size());
  }
  return std::string(Trim(text));
}

Result<HeaderMap> HeaderMap::Build(const std::vector<std::string>& header_cells,
                                   const std::vector<std::string>& required,
                                   const std::vector<std::string>& optional) {
  // Where each header text occurs (all places, to catch duplicates of a wanted column).
  std::map<std::string, std::vector<std::size_t>, std::less<>> found;
  for (std::size_t i = 0; i < header_cells.size(); ++i) {
    std::string name = NormalizeHeader(header_cells[i]);
    if (!name.empty()) found[name].push_back(i);
  }

  HeaderMap map;
  std::vector<std::string> missing;
  std::vector<std::string> duplicated;
  auto take = [&](const std::string& wanted, bool is_required) {
    std::string name = NormalizeHeader(wanted);
    auto it = found.find(name);
    if (it == found.end()) {
      if (is_required) missing.push_back(name);
      return;
    }
    if (it->second.size() > 1) {
      std::string places;
      for (std::size_t column : it->second) {
        places += (places.empty() ? "" : ", ") + ColumnLetter(static_cast<int>(column));
      }
      duplicated.push_back(name + " (" + places + ")");
      return;
    }
    map.columns_[name] = it->second.front();
  };
  for (const std::string& name : required) take(name, true);
  for (const std::string& name : optional) take(name, false);

  if (missing.empty() && duplicated.empty()) return map;
  std::string message = "xlsx: the header row";
  if (!missing.empty()) message += " lacks required columns: " + Join(missing);
  if (!missing.empty() && !duplicated.empty()) message += ";";
  if (!duplicated.empty()) message += " has columns more than once: " + Join(duplicated);
  return InvalidArgument(std::move(message), "header");
}

std::optional<std::size_t> HeaderMap::Column(std::string_view name) const {
  auto it = columns_.find(NormalizeHeader(name));
  if (it == columns_.end()) return std::nullopt;
  return it->second;
}

std::string_view HeaderMap::Cell(const Row& row, std::string_view name) const {
  auto column = Column(name);
  return column ? row.Cell(*column) : std::string_view();
}

ImportProblem HeaderMap::Problem(int row_number, std::string_view name, std::string message) const {
  auto column = Column(name);
  return {row_number, column ? ColumnLetter(static_cast<int>(*column)) : std::string(), NormalizeHeader(name),
          std::move(message)};
}

}  // namespace safeloop::xlsx
