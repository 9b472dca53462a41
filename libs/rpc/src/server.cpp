#include "safeloop/rpc/server.hpp"

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/health_check_service_interface.h>
#include <grpcpp/support/server_interceptor.h>


#include "safeloop/core/log.hpp"

namespace safeloop::rpc {
namespace {

// Counts every call by method and final code and observes its latency, whatever the handler does.
class MetricsInterceptor final : public grpc::experimental::Interceptor {
 public:
  MetricsInterceptor(grpc::experimental::ServerRpcInfo* info, obs::RpcMetrics& metrics)
      : method_(info->method() ? info->method() : "unknown"), metrics_(metrics) {
    auto slash = method_.rfind('/');
    if (slash != std::string::npos) method_ = method_.substr(slash + 1);
  }

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    using Hook = grpc::experimental::InterceptionHookPoints;
    if (methods->QueryInterceptionHookPoint(Hook::POST_RECV_INITIAL_METADATA)) {
      start_ = std::chrono::steady_clock::now();
      metrics_.Started();
      started_ = true;
    }
    if (methods->QueryInterceptionHookPoint(Hook::PRE_SEND_STATUS) && started_) {
      auto code = static_cast<StatusCode>(methods->GetSendStatus().error_code());
      metrics_.Finished(method_, code, std::chrono::steady_clock::now() - start_);
      started_ = false;
    }
    methods->Proceed();
  }

 private:
  std::string method_;
  obs::RpcMetrics& metrics_;
  std::chrono::steady_clock::time_point start_;
  bool started_ = false;
};

class MetricsInterceptorFactory final : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  explicit MetricsInterceptorFactory(std::shared_ptr<obs::RpcMetrics> metrics) : metrics_(std::move(metrics)) {}
  grpc::experimental::Interceptor* CreateServerInterceptor(grpc::experimental::ServerRpcInfo* info) override {
    return new MetricsInterceptor(info, *metrics_);
  }

 private:
  std::shared_ptr<obs::RpcMetrics> metrics_;
};

}  // namespace

GrpcServer::GrpcServer(ServerOptions options, prometheus::Registry& registry)
    : options_(std::move(options)), registry_(registry) {}

GrpcServer::~GrpcServer() { Shutdown(std::chrono::milliseconds(0)); }

Status GrpcServer::Start() {
  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  // gRPC sets SO_REUSEPORT by default on Linux: a second instance on the same port would silently share
  // it instead of failing. One port, one process.
  builder.AddChannelArgument(GRPC_ARG_ALLOW_REUSEPORT, 0);
  // Close connections after ~5 min (gracefully) so clients re-resolve DNS and reach pods added by scale-out.
  builder.AddChannelArgument(GRPC_ARG_MAX_CONNECTION_AGE_MS, 5 * 60 * 1000);
  builder.AddChannelArgument(GRPC_ARG_MAX_CONNECTION_AGE_GRACE_MS, 30 * 1000);
  builder.AddListeningPort(options_.address.ToString(), grpc::InsecureServerCredentials(), &port_);
  builder.SetMaxReceiveMessageSize(options_.max_receive_bytes);
  for (auto* service : options_.services) builder.RegisterService(service);
  grpc::ResourceQuota quota("safeloop-" + options_.service_label);
  quota.SetMaxThreads(options_.max_threads);
  builder.SetResourceQuota(quota);
  std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>> interceptors;
  interceptors.push_back(std::make_unique<MetricsInterceptorFactory>(
      std::make_shared<obs::RpcMetrics>(registry_, options_.service_label)));
  builder.experimental().SetInterceptorCreators(std::move(interceptors));
  server_ = builder.BuildAndStart();
  if (!server_ || port_ == 0) {
    return Unavailable("cannot listen on " + options_.address.ToString() + " (port in use or bad address)");
  }
  auto* health = server_->GetHealthCheckService();
  health->SetServingStatus(true);
  for (const auto& name : options_.health_names) health->SetServingStatus(name, true);
  LogInfo("rpc", "gRPC server listening", {{"address", options_.address.host + ":" + std::to_string(port_)}});
  return Status::Ok();
}

void GrpcServer::Shutdown(std::chrono::milliseconds drain) {
  if (!server_) return;
  server_->GetHealthCheckService()->SetServingStatus(false);
  server_->Shutdown(std::chrono::system_clock::now() + drain);
  server_->Wait();
  server_.reset();
  LogInfo("rpc", "gRPC server stopped");
}

}  // namespace safeloop::rpc
