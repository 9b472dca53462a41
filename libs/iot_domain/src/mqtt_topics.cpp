#include "safeloop/iot_domain/mqtt_topics.hpp"

namespace safeloop::iot {
namespace {

constexpr std::size_t kMaxTopicBytes = 65535;

// Splits on '/', keeping empty levels ("a//b" has three levels, "/a" two).
std::vector<std::string_view> Levels(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t begin = 0;
  while (true) {
    const std::size_t slash = s.find('/', begin);
    if (slash == std::string_view::npos) {
      out.push_back(s.substr(begin));
      return out;
    }
    out.push_back(s.substr(begin, slash - begin));
    begin = slash + 1;
  }
}

}  // namespace

Status ValidateTopicName(std::string_view topic, std::string field) {
  if (topic.empty()) return InvalidArgument("a topic is at least one character", std::move(field));
  if (topic.size() > kMaxTopicBytes) return InvalidArgument("a topic is at most 65535 bytes", std::move(field));
  if (topic.find('\0') != std::string_view::npos) {
    return InvalidArgument("a topic cannot contain NUL", std::move(field));
  }
  if (topic.find_first_of("+#") != std::string_view::npos) {
    return InvalidArgument("a topic name cannot contain the wildcards + or #", std::move(field));
  }
  return Status::Ok();
}

Status ValidateTopicFilter(std::string_view filter, std::string field) {
  if (filter.empty()) return InvalidArgument("a topic filter is at least one character", std::move(field));
  if (filter.size() > kMaxTopicBytes) {
    return InvalidArgument("a topic filter is at most 65535 bytes", std::move(field));
  }
  if (filter.find('\0') != std::string_view::npos) {
    return InvalidArgument("a topic filter cannot contain NUL", std::move(field));
  }
  const std::vector<std::string_view> levels = Levels(filter);
  for (std::size_t i = 0; i < levels.size(); ++i) {
    const std::string_view level = levels[i];
    if (level.find('#') != std::string_view::npos) {
      if (level != "#") return InvalidArgument("'#' must be a whole level: 'a/#', not 'a#'", std::move(field));
      if (i + 1 != levels.size()) return InvalidArgument("'#' must be the last level", std::move(field));
    }
    if (level.find('+') != std::string_view::npos && level != "+") {
      return InvalidArgument("'+' must be a whole level: 'a/+/b', not 'a+'", std::move(field));
    }
  }
  return Status::Ok();
}

bool TopicMatches(std::string_view filter, std::string_view topic, std::vector<std::string>* captures) {
  if (captures != nullptr) captures->clear();
  // MQTT 3.1.1 §4.7.2: a filter starting with a wildcard never matches a '$' topic.
  if (!topic.empty() && topic.front() == '$' && !filter.empty() && (filter.front() == '+' || filter.front() == '#')) {
    return false;
  }
  const std::vector<std::string_view> f = Levels(filter);
  const std::vector<std::string_view> t = Levels(topic);
  std::size_t i = 0;
  for (; i < f.size(); ++i) {
    if (f[i] == "#") {
      if (captures != nullptr) {
        // The rest of the topic after the matched parent levels ("" when '#' matched the parent only).
        std::size_t consumed = 0;
        for (std::size_t k = 0; k < i && k < t.size(); ++k) consumed += t[k].size() + 1;
        captures->emplace_back(consumed <= topic.size() ? topic.substr(consumed) : std::string_view{});
      }
      return true;  // "sport/#" matches "sport" too: '#' includes the parent level
    }
    if (i >= t.size()) return false;
    if (f[i] == "+") {
      if (captures != nullptr) captures->emplace_back(t[i]);
      continue;
    }
    if (f[i] != t[i]) return false;
  }
  return i == t.size();
}

int CountSingleLevelWildcards(std::string_view filter) {
  int n = 0;
  for (std::string_view level : Levels(filter)) n += level == "+" ? 1 : 0;
  return n;
}

}  // namespace safeloop::iot
