#include "safeloop/iot_domain/mqtt_payload.hpp"

#include <cctype>
#include <cmath>
#include <nlohmann/json.hpp>

#include "safeloop/iot_domain/mqtt_topics.hpp"

namespace safeloop::iot {
namespace {

using nlohmann::json;

// Upper bound of a plausible source time: 2200-01-01 (system_clock's nanoseconds overflow in 2262).
constexpr double kMaxUnixMillis = 7258118400000.0;

struct CompiledFormat {
  std::optional<json::json_pointer> value, timestamp, quality, point;
};

Result<std::optional<json::json_pointer>> CompilePointer(const std::string& text, const char* field,
                                                        bool empty_is_root) {
  if (text.empty() && !empty_is_root) return std::optional<json::json_pointer>{};
  try {
    return std::optional<json::json_pointer>{json::json_pointer(text)};
  } catch (const json::exception& e) {
    return InvalidArgument(std::string("not a JSON pointer (RFC 6901: \"\" or \"/a/0/b\"): ") + e.what(), field);
  }
}

Result<CompiledFormat> Compile(const PayloadFormat& f) {
  CompiledFormat c;
  auto value = CompilePointer(f.value_pointer, "format.value_pointer", true);
  if (!value.ok()) return value.status();
  auto ts = CompilePointer(f.timestamp_pointer, "format.timestamp_pointer", false);
  if (!ts.ok()) return ts.status();
  auto q = CompilePointer(f.quality_pointer, "format.quality_pointer", false);
  if (!q.ok()) return q.status();
  auto point = CompilePointer(f.point_pointer, "format.point_pointer", false);
  if (!point.ok()) return point.status();
  c.value = std::move(*value);
  c.timestamp = std::move(*ts);
  c.quality = std::move(*q);
  c.point = std::move(*point);
  return c;
}

const char* TypeName(const json& j) { return j.type_name(); }

// The field of an element at `ptr`, or nullptr when absent (a non-object element has no fields).
const json* Find(const json& element, const std::optional<json::json_pointer>& ptr) {
  if (!ptr.has_value()) return nullptr;
  if (ptr->empty()) return &element;
  if (!element.is_object() && !element.is_array()) return nullptr;
  try {
    if (!element.contains(*ptr)) return nullptr;
    return &element.at(*ptr);
  } catch (const json::exception&) {
    return nullptr;  // e.g. a pointer with a non-numeric step into an array: simply absent
  }
}

bool ParseQualityValue(const json& q, Quality& out) {
  if (q.is_string()) {
    std::string lower = q.get<std::string>();
    for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    auto parsed = ParseQuality(lower);
    if (!parsed) return false;
    out = *parsed;
    return true;
  }
  if (q.is_boolean()) {
    out = q.get<bool>() ? Quality::kGood : Quality::kBad;
    return true;
  }
  if (q.is_number_integer() || q.is_number_unsigned()) {
    const auto n = q.get<std::int64_t>();
    if (n < 0 || n > 255) return false;
    // OPC DA quality byte: the top two bits are the class (11 good, 01 uncertain, 00 bad).
    switch (n & 0xC0) {
      case 0xC0: out = Quality::kGood; return true;
      case 0x40: out = Quality::kUncertain; return true;
      case 0x00: out = Quality::kBad; return true;
      default: return false;
    }
  }
  return false;
}

class Extractor {
 public:
  Extractor(const PayloadFormat& format, const CompiledFormat& compiled, std::string_view default_point,
            TimePoint received_at, Extraction& out)
      : format_(format), c_(compiled), default_point_(default_point), received_at_(received_at), out_(out) {}

  void Element(const json& element, int index) {
    Reading r;
    r.timestamp = received_at_;
    if (element.is_number() || element.is_boolean()) {
      // A bare value: nothing but the number.
      if (default_point_.empty()) return Issue(index, "", "a bare value needs a binding that names its point");
      r.point_id = std::string(default_point_);
      r.value = element.is_boolean() ? (element.get<bool>() ? 1.0 : 0.0) : element.get<double>();
      out_.readings.push_back(std::move(r));
      return;
    }
    if (!element.is_object()) {
      return Issue(index, "", std::string("expected an object or a number, got ") + TypeName(element));
    }
    // Point.
    if (const json* p = Find(element, c_.point)) {
      if (!p->is_string() || p->get_ref<const std::string&>().empty()) {
        return Issue(index, format_.point_pointer, "the point must be a non-empty string");
      }
      r.point_id = p->get<std::string>();
    } else if (!default_point_.empty()) {
      r.point_id = std::string(default_point_);
    } else {
      return Issue(index, format_.point_pointer,
                   format_.point_pointer.empty() ? "the binding names no point"
                                                 : "the element lacks its point and the binding names none");
    }
    // Value.
    const json* v = Find(element, c_.value);
    if (v == nullptr) return Issue(index, format_.value_pointer, "the value is missing");
    if (v->is_boolean()) {
      r.value = v->get<bool>() ? 1.0 : 0.0;
    } else if (v->is_number()) {
      r.value = v->get<double>();
    } else {
      return Issue(index, format_.value_pointer, std::string("the value must be a number, got ") + TypeName(*v));
    }
    // Timestamp (null counts as absent: many producers write "ts": null).
    if (const json* ts = Find(element, c_.timestamp); ts != nullptr && !ts->is_null()) {
      if (ts->is_number()) {
        const double n = ts->get<double>();
        const double ms = format_.timestamp_unit == TimestampUnit::kSeconds ? n * 1000.0 : n;
        if (!std::isfinite(ms) || ms < 0 || ms > kMaxUnixMillis) {
          return Issue(index, format_.timestamp_pointer, "the timestamp is not a plausible Unix time");
        }
        // Whole milliseconds as integers: a double count of nanoseconds since 1970 is only good to ~256 ns.
        const double whole = std::floor(ms);
        r.timestamp = FromUnixMillis(static_cast<std::int64_t>(whole)) +
                      std::chrono::duration_cast<TimePoint::duration>(
                          std::chrono::nanoseconds(std::llround((ms - whole) * 1e6)));
      } else if (ts->is_string()) {
        auto parsed = ParseRfc3339(ts->get_ref<const std::string&>());
        if (!parsed) return Issue(index, format_.timestamp_pointer, "the timestamp is not RFC 3339");
        r.timestamp = *parsed;
      } else {
        return Issue(index, format_.timestamp_pointer,
                     std::string("the timestamp must be a number or a string, got ") + TypeName(*ts));
      }
    }
    // Quality.
    if (const json* q = Find(element, c_.quality); q != nullptr && !q->is_null()) {
      if (!ParseQualityValue(*q, r.quality)) {
        return Issue(index, format_.quality_pointer,
                     "the quality must be good/uncertain/bad, an OPC quality byte or a bool");
      }
      if (r.quality != Quality::kGood) r.reason = QualityReason::kSourceReported;
    }
    out_.readings.push_back(std::move(r));
  }

  void Issue(int index, std::string field, std::string message) {
    out_.issues.push_back(PayloadIssue{index, std::move(field), std::move(message)});
  }

 private:
  const PayloadFormat& format_;
  const CompiledFormat& c_;
  std::string_view default_point_;
  TimePoint received_at_;
  Extraction& out_;
};

// "{1}".."{9}" → the '+' captures; false when a template refers to something else.
bool ExpandTemplate(std::string_view tmpl, const std::vector<std::string>& captures, int plus_count,
                    std::string& out) {
  out.clear();
  for (std::size_t i = 0; i < tmpl.size(); ++i) {
    if (tmpl[i] == '{') {
      if (i + 2 >= tmpl.size() || tmpl[i + 1] < '1' || tmpl[i + 1] > '9' || tmpl[i + 2] != '}') return false;
      const int n = tmpl[i + 1] - '0';
      if (n > plus_count) return false;
      if (static_cast<std::size_t>(n) <= captures.size()) out += captures[static_cast<std::size_t>(n - 1)];
      i += 2;
    } else if (tmpl[i] == '}') {
      return false;
    } else {
      out += tmpl[i];
    }
  }
  return true;
}

bool Digits(std::string_view s, std::size_t pos, std::size_t n, int& out) {
  if (pos + n > s.size()) return false;
  out = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

}  // namespace

Status ValidateMqttBinding(const MqttBinding& binding) {
  SAFELOOP_RETURN_IF_ERROR(ValidateTopicFilter(binding.pattern, "pattern"));
  if (binding.point_id.empty() && binding.format.point_pointer.empty()) {
    return InvalidArgument("a binding needs a point_id, or a point_pointer that finds the point in the payload",
                           "point_id");
  }
  std::string expanded;
  if (!ExpandTemplate(binding.point_id, {}, CountSingleLevelWildcards(binding.pattern), expanded)) {
    return InvalidArgument("a point_id template uses {1}…{9} for the pattern's '+' levels (it has " +
                               std::to_string(CountSingleLevelWildcards(binding.pattern)) + ")",
                           "point_id");
  }
  auto compiled = Compile(binding.format);
  if (!compiled.ok()) return compiled.status();
  if (binding.format.max_batch < 1) return InvalidArgument("max_batch must be ≥ 1", "format.max_batch");
  if (binding.format.max_payload_bytes < 1) {
    return InvalidArgument("max_payload_bytes must be ≥ 1", "format.max_payload_bytes");
  }
  return Status::Ok();
}

Extraction ExtractReadings(std::string_view payload, const PayloadFormat& format, std::string_view default_point,
                           TimePoint received_at) {
  Extraction out;
  out.matched = true;
  auto compiled = Compile(format);
  if (!compiled.ok()) {
    out.issues.push_back(PayloadIssue{-1, compiled.status().field(), compiled.status().message()});
    return out;
  }
  Extractor extractor(format, *compiled, default_point, received_at, out);
  if (payload.size() > format.max_payload_bytes) {
    extractor.Issue(-1, "", "the payload has " + std::to_string(payload.size()) + " bytes, more than the " +
                                std::to_string(format.max_payload_bytes) + " allowed");
    return out;
  }
  const json doc = json::parse(payload.begin(), payload.end(), nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) {
    extractor.Issue(-1, "", "the payload is not JSON");
    return out;
  }
  if (doc.is_array()) {
    if (doc.size() > format.max_batch) {
      extractor.Issue(-1, "", "the batch has " + std::to_string(doc.size()) + " elements, more than the " +
                                  std::to_string(format.max_batch) + " allowed");
      return out;
    }
    out.readings.reserve(doc.size());
    int index = 0;
    for (const json& element : doc) extractor.Element(element, index++);
    return out;
  }
  extractor.Element(doc, -1);
  return out;
}

Result<MqttRouter> MqttRouter::Create(std::vector<MqttBinding> bindings) {
  if (bindings.empty()) return InvalidArgument("at least one binding is needed", "bindings");
  for (std::size_t i = 0; i < bindings.size(); ++i) {
    Status s = ValidateMqttBinding(bindings[i]);
    if (!s.ok()) return InvalidArgument(s.message(), "bindings[" + std::to_string(i) + "]." + s.field());
  }
  return MqttRouter(std::move(bindings));
}

std::vector<std::string> MqttRouter::Filters() const {
  std::vector<std::string> out;
  for (const MqttBinding& b : bindings_) {
    bool seen = false;
    for (const std::string& f : out) seen = seen || f == b.pattern;
    if (!seen) out.push_back(b.pattern);
  }
  return out;
}

std::optional<std::size_t> MqttRouter::Match(std::string_view topic, std::vector<std::string>* captures) const {
  for (std::size_t i = 0; i < bindings_.size(); ++i) {
    if (TopicMatches(bindings_[i].pattern, topic, captures)) return i;
  }
  return std::nullopt;
}

Extraction MqttRouter::Extract(std::string_view topic, std::string_view payload, TimePoint received_at) const {
  std::vector<std::string> captures;
  const std::optional<std::size_t> index = Match(topic, &captures);
  if (!index) return Extraction{};
  const MqttBinding& b = bindings_[*index];
  std::string point;
  ExpandTemplate(b.point_id, captures, CountSingleLevelWildcards(b.pattern), point);  // validated in Create
  return ExtractReadings(payload, b.format, point, received_at);
}

std::optional<TimePoint> ParseRfc3339(std::string_view s) {
  int year, month, day, hour, minute, second;
  if (!Digits(s, 0, 4, year) || s.size() < 19 || s[4] != '-' || !Digits(s, 5, 2, month) || s[7] != '-' ||
      !Digits(s, 8, 2, day) || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') || !Digits(s, 11, 2, hour) ||
      s[13] != ':' || !Digits(s, 14, 2, minute) || s[16] != ':' || !Digits(s, 17, 2, second)) {
    return std::nullopt;
  }
  if (hour > 23 || minute > 59 || second > 60) return std::nullopt;  // 60: a leap second
  const std::chrono::year_month_day ymd{std::chrono::year(year), std::chrono::month(static_cast<unsigned>(month)),
                                        std::chrono::day(static_cast<unsigned>(day))};
  if (!ymd.ok()) return std::nullopt;
  std::size_t pos = 19;
  std::chrono::nanoseconds fraction{0};
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    const std::size_t begin = pos;
    std::int64_t ns = 0;
    int digits = 0;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
      if (digits < 9) {
        ns = ns * 10 + (s[pos] - '0');
        ++digits;
      }
      ++pos;
    }
    if (pos == begin) return std::nullopt;
    for (; digits < 9; ++digits) ns *= 10;
    fraction = std::chrono::nanoseconds(ns);
  }
  if (pos >= s.size()) return std::nullopt;
  std::chrono::minutes offset{0};
  if (s[pos] == 'Z' || s[pos] == 'z') {
    ++pos;
  } else if (s[pos] == '+' || s[pos] == '-') {
    int oh, om;
    if (!Digits(s, pos + 1, 2, oh) || pos + 3 >= s.size() || s[pos + 3] != ':' || !Digits(s, pos + 4, 2, om) ||
        oh > 23 || om > 59) {
      return std::nullopt;
    }
    offset = std::chrono::minutes(oh * 60 + om) * (s[pos] == '-' ? -1 : 1);
    pos += 6;
  } else {
    return std::nullopt;
  }
  if (pos != s.size()) return std::nullopt;
  if (year < 1970 || year > 2199) return std::nullopt;  // the plausible range of a source time
  const auto t = std::chrono::sys_days(ymd) + std::chrono::hours(hour) + std::chrono::minutes(minute) +
                 std::chrono::seconds(second) + fraction - offset;
  return std::chrono::time_point_cast<TimePoint::duration>(t);
}

}  // namespace safeloop::iot
