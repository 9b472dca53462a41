#pragma once
// JSON ↔ protobuf for the generic REST → gRPC routes: request bodies (proto3 JSON with snake_case names,
// unknown fields refused), path and query parameters set by field name with type conversion, responses
// printed with every field (clients see defaults too), and JSON Schemas for the OpenAPI document.

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "safeloop/core/status.hpp"

namespace safeloop::gateway {

/// A fresh message of a generated type; INTERNAL when the type is not linked into this binary.
Result<std::unique_ptr<google::protobuf::Message>> NewMessage(const google::protobuf::Descriptor* type);

/// Merges a JSON object into `message`; INVALID_ARGUMENT (field "body") naming what is wrong.
Status MergeJson(const std::string& json_text, google::protobuf::Message& message);

/// Sets a scalar field from its text form ("42", "true", "abc", a comma-separated list for repeated
/// fields). `name` is a field of the message or, when unambiguous, of one of its singular message fields
/// (so ?page_size= reaches page.page_size). INVALID_ARGUMENT naming the parameter on unknown names or bad
/// values; `kind` ("path" or "query") goes into the message.
Status SetFieldFromText(google::protobuf::Message& message, const std::string& name, const std::string& value,
                        const std::string& kind);

/// Every field printed (defaults included), snake_case names, enums by name.
Result<std::string> MessageToJson(const google::protobuf::Message& message);

/// A $ref to the schema of `type`; the schema of `type` and every message it uses are added to
/// `components` (keyed by the message's full name without the "safeloop." prefix).
nlohmann::json SchemaRef(const google::protobuf::Descriptor* type, nlohmann::json& components);
/// The component name SchemaRef uses for `type`.
std::string SchemaName(const google::protobuf::Descriptor* type);

/// Scalar fields of `type` that can be given as query parameters (excluding `skip`), with their
/// top-level names (nested page fields flattened the way SetFieldFromText accepts them).
struct QueryField {
  std::string name;
  std::string description;
  std::string json_type;  ///< "string" | "integer" | "number" | "boolean"
  bool repeated = false;
};
std::vector<QueryField> QueryFieldsOf(const google::protobuf::Descriptor* type, const std::vector<std::string>& skip);

}  // namespace safeloop::gateway
