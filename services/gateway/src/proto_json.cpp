#include "proto_json.hpp"

#include <google/protobuf/util/json_util.h>

#include <algorithm>
#include <charconv>
#include <limits>

namespace safeloop::gateway {
namespace {
namespace pb = google::protobuf;
using nlohmann::json;

Status BadParam(const std::string& kind, const std::string& name, const std::string& why) {
  return InvalidArgument(kind + " parameter '" + name + "' " + why, name);
}

template <typename T>
bool ParseInteger(const std::string& text, T& out) {
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && ptr == text.data() + text.size();
}

Status SetOne(pb::Message& m, const pb::FieldDescriptor* f, const std::string& v, const std::string& kind,
              const std::string& name) {
  const pb::Reflection* r = m.GetReflection();
  bool rep = f->is_repeated();
  auto bad = [&](const std::string& what) { return BadParam(kind, name, "must be " + what + ", got '" + v + "'"); };
  switch (f->cpp_type()) {
    case pb::FieldDescriptor::CPPTYPE_STRING:
      rep ? r->AddString(&m, f, v) : r->SetString(&m, f, v);
      return Status::Ok();
    case pb::FieldDescriptor::CPPTYPE_INT32: {
      std::int32_t x = 0;
      if (!ParseInteger(v, x)) return bad("an integer");
      rep ? r->AddInt32(&m, f, x) : r->SetInt32(&m, f, x);
      return Status::Ok();
    }
    case pb::FieldDescriptor::CPPTYPE_INT64: {
      std::int64_t x = 0;
      if (!ParseInteger(v, x)) return bad("an integer");
      rep ? r->AddInt64(&m, f, x) : r->SetInt64(&m, f, x);
      return Status::Ok();
    }
    case pb::FieldDescriptor::CPPTYPE_UINT32: {
      std::uint32_t x = 0;
      if (!ParseInteger(v, x)) return bad("a non-negative integer");
      rep ? r->AddUInt32(&m, f, x) : r->SetUInt32(&m, f, x);
      return Status::Ok();
    }
    case pb::FieldDescriptor::CPPTYPE_UINT64: {
      std::uint64_t x = 0;
      if (!ParseInteger(v, x)) return bad("a non-negative integer");
      rep ? r->AddUInt64(&m, f, x) : r->SetUInt64(&m, f, x);
      return Status::Ok();
    }
    case pb::FieldDescriptor::CPPTYPE_BOOL: {
      bool x = false;
      if (v == "true" || v == "1") {
        x = true;
      } else if (v != "false" && v != "0") {
        return bad("true or false");
      }
      rep ? r->AddBool(&m, f, x) : r->SetBool(&m, f, x);
      return Status::Ok();
    }
    case pb::FieldDescriptor::CPPTYPE_DOUBLE:
    case pb::FieldDescriptor::CPPTYPE_FLOAT: {
      char* end = nullptr;
      double x = std::strtod(v.c_str(), &end);
      if (v.empty() || end != v.c_str() + v.size()) return bad("a number");
      if (f->cpp_type() == pb::FieldDescriptor::CPPTYPE_DOUBLE) {
        rep ? r->AddDouble(&m, f, x) : r->SetDouble(&m, f, x);
      } else {
        rep ? r->AddFloat(&m, f, static_cast<float>(x)) : r->SetFloat(&m, f, static_cast<float>(x));
      }
      return Status::Ok();
    }
    case pb::FieldDescriptor::CPPTYPE_ENUM: {
      const pb::EnumValueDescriptor* e = f->enum_type()->FindValueByName(v);
      if (e == nullptr) return bad("one of the " + f->enum_type()->name() + " names");
      rep ? r->AddEnum(&m, f, e) : r->SetEnum(&m, f, e);
      return Status::Ok();
    }
    case pb::FieldDescriptor::CPPTYPE_MESSAGE:
      break;
  }
  return BadParam(kind, name, "cannot be given as text");
}

// The field `name` of `type`, or of exactly one of its singular message fields.
const pb::FieldDescriptor* FindField(const pb::Descriptor* type, const std::string& name,
                                     const pb::FieldDescriptor** parent) {
  *parent = nullptr;
  if (const auto* f = type->FindFieldByName(name)) return f;
  const pb::FieldDescriptor* found = nullptr;
  for (int i = 0; i < type->field_count(); ++i) {
    const auto* outer = type->field(i);
    if (outer->cpp_type() != pb::FieldDescriptor::CPPTYPE_MESSAGE || outer->is_repeated()) continue;
    if (const auto* inner = outer->message_type()->FindFieldByName(name)) {
      if (found != nullptr) return nullptr;  // ambiguous
      found = inner;
      *parent = outer;
    }
  }
  return found;
}

std::string JsonTypeOf(const pb::FieldDescriptor* f) {
  switch (f->cpp_type()) {
    case pb::FieldDescriptor::CPPTYPE_INT32:
    case pb::FieldDescriptor::CPPTYPE_UINT32: return "integer";
    case pb::FieldDescriptor::CPPTYPE_INT64:
    case pb::FieldDescriptor::CPPTYPE_UINT64: return "string";  // proto3 JSON prints 64-bit integers as strings
    case pb::FieldDescriptor::CPPTYPE_DOUBLE:
    case pb::FieldDescriptor::CPPTYPE_FLOAT: return "number";
    case pb::FieldDescriptor::CPPTYPE_BOOL: return "boolean";
    default: return "string";
  }
}

std::string Comment(const pb::FieldDescriptor* f) {
  pb::SourceLocation loc;
  if (f->GetSourceLocation(&loc)) {
    std::string c = loc.trailing_comments.empty() ? loc.leading_comments : loc.trailing_comments;
    while (!c.empty() && (c.back() == '\n' || c.back() == ' ')) c.pop_back();
    while (!c.empty() && c.front() == ' ') c.erase(c.begin());
    return c;
  }
  return "";
}

json FieldSchema(const pb::FieldDescriptor* f, json& components) {
  json item;
  if (f->cpp_type() == pb::FieldDescriptor::CPPTYPE_MESSAGE) {
    const auto* t = f->message_type();
    if (t->full_name() == "google.protobuf.Timestamp") {
      item = {{"type", "string"}, {"format", "date-time"}};
    } else if (f->is_map()) {
      item = {{"type", "object"}, {"additionalProperties", FieldSchema(t->map_value(), components)}};
      return item;
    } else {
      item = SchemaRef(t, components);
    }
  } else if (f->cpp_type() == pb::FieldDescriptor::CPPTYPE_ENUM) {
    json names = json::array();
    for (int i = 0; i < f->enum_type()->value_count(); ++i) names.push_back(f->enum_type()->value(i)->name());
    item = {{"type", "string"}, {"enum", names}};
  } else if (f->type() == pb::FieldDescriptor::TYPE_BYTES) {
    item = {{"type", "string"}, {"format", "byte"}};
  } else {
    item = {{"type", JsonTypeOf(f)}};
  }
  if (std::string c = Comment(f); !c.empty() && !item.contains("$ref")) item["description"] = c;
  if (f->is_repeated()) return {{"type", "array"}, {"items", item}};
  return item;
}
}  // namespace

Result<std::unique_ptr<pb::Message>> NewMessage(const pb::Descriptor* type) {
  if (type == nullptr) return Internal("no message type");
  const pb::Message* prototype = pb::MessageFactory::generated_factory()->GetPrototype(type);
  if (prototype == nullptr) return Internal("message type " + type->full_name() + " is not linked into the gateway");
  return std::unique_ptr<pb::Message>(prototype->New());
}

Status MergeJson(const std::string& json_text, pb::Message& message) {
  pb::util::JsonParseOptions options;
  options.ignore_unknown_fields = false;
  auto status = pb::util::JsonStringToMessage(json_text, &message, options);
  if (status.ok()) return Status::Ok();
  return InvalidArgument("request body does not match " + SchemaName(message.GetDescriptor()) + ": " +
                             std::string(status.message()),
                         "body");
}

Status SetFieldFromText(pb::Message& message, const std::string& name, const std::string& value,
                        const std::string& kind) {
  const pb::FieldDescriptor* parent = nullptr;
  const pb::FieldDescriptor* field = FindField(message.GetDescriptor(), name, &parent);
  if (field == nullptr) return BadParam(kind, name, "is not known here");
  pb::Message* target = &message;
  if (parent != nullptr) target = message.GetReflection()->MutableMessage(&message, parent);
  if (field->is_repeated()) {
    target->GetReflection()->ClearField(target, field);
    std::size_t start = 0;
    while (start <= value.size()) {
      std::size_t comma = value.find(',', start);
      std::string part = value.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
      if (!part.empty()) SAFELOOP_RETURN_IF_ERROR(SetOne(*target, field, part, kind, name));
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
    return Status::Ok();
  }
  return SetOne(*target, field, value, kind, name);
}

Result<std::string> MessageToJson(const pb::Message& message) {
  pb::util::JsonPrintOptions options;
  options.always_print_primitive_fields = true;
  options.preserve_proto_field_names = true;
  std::string out;
  auto status = pb::util::MessageToJsonString(message, &out, options);
  if (!status.ok()) return Internal("cannot print " + message.GetDescriptor()->full_name() + ": " +
                                    std::string(status.message()));
  return out;
}

std::string SchemaName(const pb::Descriptor* type) {
  std::string name = type->full_name();
  if (name.starts_with("safeloop.")) name = name.substr(9);
  return name;
}

json SchemaRef(const pb::Descriptor* type, json& components) {
  std::string name = SchemaName(type);
  json ref = {{"$ref", "#/components/schemas/" + name}};
  if (components.contains(name)) return ref;
  components[name] = json::object();  // placeholder first: recursive types terminate
  json properties = json::object();
  for (int i = 0; i < type->field_count(); ++i) {
    properties[type->field(i)->name()] = FieldSchema(type->field(i), components);
  }
  components[name] = {{"type", "object"}, {"properties", properties}};
  return ref;
}

std::vector<QueryField> QueryFieldsOf(const pb::Descriptor* type, const std::vector<std::string>& skip) {
  std::vector<QueryField> out;
  auto add = [&](const pb::FieldDescriptor* f) {
    if (std::find(skip.begin(), skip.end(), f->name()) != skip.end()) return;
    if (f->cpp_type() == pb::FieldDescriptor::CPPTYPE_MESSAGE || f->type() == pb::FieldDescriptor::TYPE_BYTES) return;
    out.push_back({f->name(), Comment(f), JsonTypeOf(f), f->is_repeated()});
  };
  for (int i = 0; i < type->field_count(); ++i) {
    const auto* f = type->field(i);
    if (f->cpp_type() == pb::FieldDescriptor::CPPTYPE_MESSAGE && !f->is_repeated() &&
        f->message_type()->full_name() != "google.protobuf.Timestamp") {
      for (int j = 0; j < f->message_type()->field_count(); ++j) add(f->message_type()->field(j));
    } else {
      add(f);
    }
  }
  return out;
}

}  // namespace safeloop::gateway
