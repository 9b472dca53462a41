#include "styles.hpp"

#include <map>

#include "xml.hpp"

namespace safeloop::xlsx {

std::vector<DateKind> ReadDateStyles(const pugi::xml_document& styles) {
  pugi::xml_node root = Child(styles, "styleSheet");
  // Custom formats may also redefine built-in ids, so they take precedence.
  std::map<int, DateKind> custom;
  for (pugi::xml_node fmt : Child(root, "numFmts").children()) {
    if (!IsElement(fmt, "numFmt")) continue;
    custom[Attr(fmt, "numFmtId").as_int(-1)] = ClassifyFormatCode(Attr(fmt, "formatCode").value());
  }
  std::vector<DateKind> kinds;
  for (pugi::xml_node xf : Child(root, "cellXfs").children()) {
    if (!IsElement(xf, "xf")) continue;
    int id = Attr(xf, "numFmtId").as_int(0);
    auto it = custom.find(id);
    kinds.push_back(it != custom.end() ? it->second : BuiltinDateKind(id));
  }
  return kinds;
}

}  // namespace safeloop::xlsx
