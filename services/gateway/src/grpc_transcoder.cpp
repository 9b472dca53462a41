#include "grpc_transcoder.hpp"

#include <google/protobuf/descriptor.h>

#include <stdexcept>

#include "error_mapping.hpp"
#include "proto_json.hpp"
#include "request_parsing.hpp"

namespace safeloop::gateway {
namespace {
namespace pb = google::protobuf;

const pb::MethodDescriptor* FindMethod(const std::string& full_name) {
  return pb::DescriptorPool::generated_pool()->FindMethodByName(full_name);
}

bool HasBody(const RouteSpec& route) {
  return route.method == "POST" || route.method == "PUT" || route.method == "PATCH";
}

// gRPC wire path: "/package.Service/Method".
std::string WirePath(const pb::MethodDescriptor* m) { return "/" + m->service()->full_name() + "/" + m->name(); }

grpc::ByteBuffer ToBuffer(const pb::Message& message) {
  std::string bytes = message.SerializeAsString();
  grpc::Slice slice(bytes);
  return grpc::ByteBuffer(&slice, 1);
}

bool FromBuffer(const grpc::ByteBuffer& buffer, pb::Message& message) {
  std::vector<grpc::Slice> slices;
  if (!buffer.Dump(&slices).ok()) return false;
  std::string bytes;
  for (const auto& s : slices) bytes.append(reinterpret_cast<const char*>(s.begin()), s.size());
  return message.ParseFromString(bytes);
}

// RFC 6266/5987 filename for a UTF-8 name (Chinese file names survive every browser).
std::string ContentDisposition(const std::string& name) {
  std::string ascii, encoded;
  static const char* hex = "0123456789ABCDEF";
  for (unsigned char c : name) {
    bool plain = std::isalnum(c) || c == '.' || c == '-' || c == '_';
    ascii += plain ? static_cast<char>(c) : '_';
    if (plain) {
      encoded += static_cast<char>(c);
    } else {
      encoded += '%';
      encoded += hex[c >> 4];
      encoded += hex[c & 15];
    }
  }
  return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
}

struct Call {
  grpc::ClientContext context;
  grpc::ByteBuffer request;
  grpc::ByteBuffer response;
};

Status CheckField(const pb::Descriptor* type, const std::string& name, pb::FieldDescriptor::Type want,
                  const std::string& what) {
  if (name.empty()) return Status::Ok();
  const auto* f = type->FindFieldByName(name);
  if (f == nullptr || f->type() != want || f->is_repeated()) {
    return InvalidArgument(what + " '" + name + "' is not a singular field of that type in " + type->full_name());
  }
  return Status::Ok();
}
}  // namespace

GrpcTranscoder::GrpcTranscoder(std::map<std::string, std::shared_ptr<grpc::Channel>> backends,
                               std::chrono::milliseconds deadline)
    : deadline_(deadline) {
  for (auto& [name, channel] : backends) {
    backends_[name] = Backend{channel, std::make_unique<grpc::GenericStub>(channel)};
  }
}

GrpcTranscoder::~GrpcTranscoder() = default;

Result<Handler> GrpcTranscoder::HandlerFor(const RouteSpec& route) const {
  const std::string where = route.method + " " + route.pattern + ": ";
  const pb::MethodDescriptor* method = FindMethod(route.grpc_method);
  if (method == nullptr) return InvalidArgument(where + "no gRPC method " + route.grpc_method + " in this binary");
  auto backend = backends_.find(route.backend);
  if (backend == backends_.end()) return InvalidArgument(where + "no backend '" + route.backend + "'");
  const pb::Descriptor* in = method->input_type();
  const pb::Descriptor* out = method->output_type();
  for (const auto& p : PathParamsOf(route.pattern)) {
    if (in->FindFieldByName(p) == nullptr) {
      return InvalidArgument(where + "path parameter {" + p + "} is not a field of " + in->full_name());
    }
  }
  if (Status s = CheckField(in, route.raw_request_field, pb::FieldDescriptor::TYPE_BYTES, "raw_request_field");
      !s.ok()) {
    return InvalidArgument(where + s.message());
  }
  if (Status s = CheckField(out, route.raw_response_field, pb::FieldDescriptor::TYPE_BYTES, "raw_response_field");
      !s.ok()) {
    return InvalidArgument(where + s.message());
  }
  if (Status s = CheckField(out, route.file_name_field, pb::FieldDescriptor::TYPE_STRING, "file_name_field");
      !s.ok()) {
    return InvalidArgument(where + s.message());
  }
  if (Status s = CheckField(out, route.content_type_field, pb::FieldDescriptor::TYPE_STRING, "content_type_field");
      !s.ok()) {
    return InvalidArgument(where + s.message());
  }
  if (Status s = CheckField(out, route.accepted_field, pb::FieldDescriptor::TYPE_BOOL, "accepted_field"); !s.ok()) {
    return InvalidArgument(where + s.message());
  }

  grpc::GenericStub* stub = backend->second.stub.get();
  std::string wire_path = WirePath(method);
  std::string backend_name = route.backend;
  // Uploads carry whole files that the backend validates row by row: give them longer.
  // File uploads and generated documents (a 50,000-point ledger) take longer than an ordinary call.
  auto deadline = route.raw_request_field.empty() && route.raw_response_field.empty() ? deadline_ : deadline_ * 4;

  return Handler([=](const std::shared_ptr<RequestContext>& ctx) {
    auto request = NewMessage(in);
    if (!request.ok()) return ctx->ReplyError(request.status());
    pb::Message& req = **request;
    const RouteSpec& r = *ctx->route;
    if (!r.raw_request_field.empty()) {
      req.GetReflection()->SetString(&req, in->FindFieldByName(r.raw_request_field), ctx->raw_body);
    } else if (!ctx->body.is_null()) {
      if (Status s = MergeJson(ctx->body.dump(), req); !s.ok()) return ctx->ReplyError(s);
    }
    for (const auto& [name, value] : ctx->query) {
      if (name == "access_token") continue;  // the credential, not a request field
      if (Status s = SetFieldFromText(req, name, value, "query"); !s.ok()) return ctx->ReplyError(s);
    }
    for (const auto& [name, value] : ctx->params) {  // last: the path wins over body and query
      if (Status s = SetFieldFromText(req, name, value, "path"); !s.ok()) return ctx->ReplyError(s);
    }

    auto call = std::make_shared<Call>();
    call->context.set_deadline(std::chrono::system_clock::now() + deadline);
    CallMeta meta = ctx->call_meta();
    if (!meta.token.empty()) call->context.AddMetadata("authorization", "Bearer " + meta.token);
    call->context.AddMetadata("x-request-id", meta.request_id);
    if (!ctx->client_address.empty()) call->context.AddMetadata("x-safeloop-client-ip", ctx->client_address);
    if (auto ua = ctx->request.headers().find("User-Agent"); ua != ctx->request.headers().end()) {
      call->context.AddMetadata("x-safeloop-user-agent", ua->second.substr(0, 256));
    }
    call->request = ToBuffer(req);
    stub->UnaryCall(&call->context, wire_path, grpc::StubOptions(), &call->request, &call->response,
                    [ctx, call, out, backend_name](grpc::Status status) {
                      // A gRPC thread: reply, never block, never throw.
                      try {
                        LogScope scope(ctx->log_context());
                        if (!status.ok()) {
                          return ctx->ReplyError(
                              StatusFromGrpc(status, call->context.GetServerTrailingMetadata(), backend_name));
                        }
                        auto response = NewMessage(out);
                        if (!response.ok()) return ctx->ReplyError(response.status());
                        if (!FromBuffer(call->response, **response)) {
                          return ctx->ReplyError(Internal("unreadable response from " + backend_name));
                        }
                        const RouteSpec& route = *ctx->route;
                        const pb::Message& msg = **response;
                        const pb::Reflection* refl = msg.GetReflection();
                        if (!route.raw_response_field.empty()) {
                          std::string bytes = refl->GetString(msg, out->FindFieldByName(route.raw_response_field));
                          web::http::http_response file(static_cast<web::http::status_code>(route.success_status));
                          file.set_body(std::vector<unsigned char>(bytes.begin(), bytes.end()));
                          std::string type = route.content_type;
                          if (!route.content_type_field.empty()) {
                            std::string given = refl->GetString(msg, out->FindFieldByName(route.content_type_field));
                            if (!given.empty()) type = given;
                          }
                          file.headers().set_content_type(type);
                          if (!route.file_name_field.empty()) {
                            file.headers()["Content-Disposition"] =
                                ContentDisposition(refl->GetString(msg, out->FindFieldByName(route.file_name_field)));
                          }
                          return ctx->Send(std::move(file));
                        }
                        int http = route.success_status;
                        StatusCode code = StatusCode::kOk;
                        if (!route.accepted_field.empty() &&
                            !refl->GetBool(msg, out->FindFieldByName(route.accepted_field))) {
                          http = 422;  // understood but refused as a whole (e.g. an import with bad rows)
                          code = StatusCode::kInvalidArgument;
                        }
                        if (http == 204) return ctx->Send(web::http::http_response(204));
                        auto json = MessageToJson(msg);
                        if (!json.ok()) return ctx->ReplyError(json.status());
                        web::http::http_response reply(static_cast<web::http::status_code>(http));
                        reply.set_body(*json, "application/json; charset=utf-8");
                        ctx->Send(std::move(reply), code);
                      } catch (const std::exception& e) {
                        LogError("transcoder", "completion failed", {{"error", e.what()}});
                        ctx->ReplyError(Internal("internal error in the gateway"));
                      }
                    });
  });
}

void GrpcTranscoder::AddHandlers(const std::vector<RouteSpec>& routes, HandlerMap& handlers) const {
  std::string problems;
  for (const auto& route : routes) {
    if (route.grpc_method.empty()) continue;
    auto handler = HandlerFor(route);
    if (!handler.ok()) {
      problems += handler.status().message() + "\n";
      continue;
    }
    handlers[route.operation_id] = std::move(*handler);
  }
  if (!problems.empty()) throw std::logic_error("bad transcoded routes:\n" + problems);
}

void DescribeTranscodedRoutes(std::vector<RouteSpec>& routes) {
  for (auto& route : routes) {
    if (route.grpc_method.empty()) continue;
    const pb::MethodDescriptor* method = FindMethod(route.grpc_method);
    if (method == nullptr) continue;
    auto path = PathParamsOf(route.pattern);
    if (route.response_schema.empty() && route.raw_response_field.empty()) {
      route.response_schema = SchemaName(method->output_type());
    }
    if (HasBody(route) && route.raw_request_field.empty() && route.request_schema.empty()) {
      route.request_schema = SchemaName(method->input_type());
    }
    if (!HasBody(route) && route.query.empty()) {
      for (const auto& f : QueryFieldsOf(method->input_type(), path)) {
        route.query.push_back({f.name, f.description.empty() ? f.json_type : f.description, false});
      }
    }
  }
}

void AddTranscodedSchemas(const std::vector<RouteSpec>& routes, nlohmann::json& components) {
  for (const auto& route : routes) {
    if (route.grpc_method.empty()) continue;
    const pb::MethodDescriptor* method = FindMethod(route.grpc_method);
    if (method == nullptr) continue;
    SchemaRef(method->output_type(), components);
    if (HasBody(route)) SchemaRef(method->input_type(), components);
  }
}

}  // namespace safeloop::gateway
