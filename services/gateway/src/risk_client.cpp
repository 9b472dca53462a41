#include "risk_client.hpp"

#include <limits>

#include "error_mapping.hpp"
#include "safeloop/core/log.hpp"

namespace safeloop::gateway {
namespace {
using Async = riskpb::RiskService::StubInterface::async_interface;

// Everything a call needs lives in one bundle owned by the completion callback, so the context, request and
// response outlive the call however long gRPC takes.
template <typename Request, typename Response>
struct CallBundle {
  grpc::ClientContext context;
  Request request;
  Response response;
};

void ApplyMeta(grpc::ClientContext& context, const CallMeta& meta, std::chrono::milliseconds deadline) {
  context.set_deadline(std::chrono::system_clock::now() + deadline);
  if (!meta.token.empty()) context.AddMetadata("authorization", "Bearer " + meta.token);
  if (!meta.request_id.empty()) context.AddMetadata("x-request-id", meta.request_id);
}

// Health response: grpc.health.v1.HealthCheckResponse { ServingStatus status = 1; } (SERVING = 1).
int ServingStatusOf(const grpc::ByteBuffer& buffer) {
  std::vector<grpc::Slice> slices;
  if (!buffer.Dump(&slices).ok()) return -1;
  std::string bytes;
  for (const auto& s : slices) bytes.append(reinterpret_cast<const char*>(s.begin()), s.size());
  if (bytes.empty()) return 0;  // proto3 default: UNKNOWN
  if (bytes.size() >= 2 && bytes[0] == 0x08) return static_cast<unsigned char>(bytes[1]);
  return -1;
}
}  // namespace

std::shared_ptr<grpc::Channel> MakeBackendChannel(const std::string& address) {
  grpc::ChannelArguments args;
  args.SetInt(GRPC_ARG_CLIENT_IDLE_TIMEOUT_MS, std::numeric_limits<int>::max());
  args.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, 200);
  args.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 1000);
  args.SetInt(GRPC_ARG_KEEPALIVE_TIME_MS, 30000);
  args.SetMaxReceiveMessageSize(32 << 20);  // downloads: people exports, violation photos
  // Spread calls over every risk pod the name resolves to (a headless Service in Kubernetes) instead of
  // pinning one HTTP/2 connection to one pod; the servers' max connection age makes us re-resolve.
  args.SetLoadBalancingPolicyName("round_robin");
  std::string target = address.find("://") == std::string::npos ? "dns:///" + address : address;
  return grpc::CreateCustomChannel(target, grpc::InsecureChannelCredentials(), args);
}

RiskClient::RiskClient(std::shared_ptr<grpc::Channel> channel, std::chrono::milliseconds deadline)
    : channel_(channel),
      stub_(riskpb::RiskService::NewStub(channel)),
      generic_(std::make_unique<grpc::GenericStub>(channel)),
      deadline_(deadline) {}

RiskClient::RiskClient(std::unique_ptr<riskpb::RiskService::StubInterface> stub, std::chrono::milliseconds deadline)
    : stub_(std::move(stub)), deadline_(deadline) {}

RiskClient::~RiskClient() = default;

template <typename Request, typename Response, typename Invoke>
void RiskClient::Call(const CallMeta& meta, Request request, Done<Response> done, Invoke invoke) {
  auto bundle = std::make_shared<CallBundle<Request, Response>>();
  bundle->request = std::move(request);
  ApplyMeta(bundle->context, meta, deadline_);
  invoke(stub_->async(), &bundle->context, &bundle->request, &bundle->response,
         [bundle, done = std::move(done)](grpc::Status status) {
           // Runs on a gRPC thread: must not throw, must not block.
           try {
             if (status.ok()) {
               done(std::move(bundle->response));
             } else {
               done(StatusFromGrpc(status, bundle->context.GetServerTrailingMetadata()));
             }
           } catch (const std::exception& e) {
             LogError("risk_client", "completion handler threw", {{"error", e.what()}});
           }
         });
}

#define SAFELOOP_RISK_CALL(Method, Request, Response)                                                        \
  void RiskClient::Method(const CallMeta& meta, riskpb::Request request, Done<riskpb::Response> done) {      \
    Call<riskpb::Request, riskpb::Response>(                                                                \
        meta, std::move(request), std::move(done),                                                          \
        [](Async* async, grpc::ClientContext* context, const riskpb::Request* req, riskpb::Response* resp,  \
           std::function<void(grpc::Status)> on_done) { async->Method(context, req, resp, std::move(on_done)); }); \
  }

SAFELOOP_RISK_CALL(CreatePlantMap, CreatePlantMapRequest, PlantMap)
SAFELOOP_RISK_CALL(ListPlantMaps, ListPlantMapsRequest, ListPlantMapsResponse)
SAFELOOP_RISK_CALL(CreateArea, CreateAreaRequest, Area)
SAFELOOP_RISK_CALL(ListAreas, ListAreasRequest, ListAreasResponse)
SAFELOOP_RISK_CALL(CreateRiskPoint, CreateRiskPointRequest, RiskPoint)
SAFELOOP_RISK_CALL(GetRiskPoint, GetRiskPointRequest, RiskPoint)
SAFELOOP_RISK_CALL(ListRiskPoints, ListRiskPointsRequest, ListRiskPointsResponse)
SAFELOOP_RISK_CALL(AssessLec, AssessLecRequest, LecAssessment)
SAFELOOP_RISK_CALL(ListAssessments, ListAssessmentsRequest, ListAssessmentsResponse)
SAFELOOP_RISK_CALL(GetScoringSettings, GetScoringSettingsRequest, ScoringSettings)
SAFELOOP_RISK_CALL(UpdateScoringSettings, UpdateScoringSettingsRequest, ScoringSettings)
SAFELOOP_RISK_CALL(GetRiskMap, GetRiskMapRequest, RiskMapView)
#undef SAFELOOP_RISK_CALL

void RiskClient::CheckHealth(std::function<void(Status)> done) {
  if (!generic_) {
    done(Unavailable("no channel to the risk service"));
    return;
  }
  struct HealthBundle {
    grpc::ClientContext context;
    grpc::ByteBuffer request;  // HealthCheckRequest{service: ""} encodes to zero bytes
    grpc::ByteBuffer response;
  };
  auto bundle = std::make_shared<HealthBundle>();
  bundle->context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(1));
  grpc::Slice empty;
  bundle->request = grpc::ByteBuffer(&empty, 1);
  generic_->UnaryCall(&bundle->context, "/grpc.health.v1.Health/Check", grpc::StubOptions(), &bundle->request,
                      &bundle->response, [bundle, done = std::move(done)](grpc::Status status) {
                        try {
                          if (status.error_code() == grpc::StatusCode::UNIMPLEMENTED) {
                            done(Status::Ok());
                          } else if (!status.ok()) {
                            done(Unavailable("risk service health check failed: " + status.error_message()));
                          } else if (int serving = ServingStatusOf(bundle->response); serving != 1) {
                            done(Unavailable("risk service reports status " + std::to_string(serving) +
                                             " (1 = SERVING)"));
                          } else {
                            done(Status::Ok());
                          }
                        } catch (const std::exception& e) {
                          LogError("risk_client", "health handler threw", {{"error", e.what()}});
                        }
                      });
}

}  // namespace safeloop::gateway
