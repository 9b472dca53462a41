#pragma once
// gRPC adapter of certificates: authenticate and authorise (rpc::HandleCall), validate, call the store.

#include "pg_certificate_store.hpp"
#include "safeloop/personnel/v1/qualification.grpc.pb.h"
#include "safeloop/rpc/call_context.hpp"

namespace safeloop::personnel::qualification {

/// The acting caller of a verified call.
Actor ActorOf(const rpc::CallContext& call);

class GrpcCertificateService final : public v1::CertificateService::Service {
 public:
  GrpcCertificateService(PgCertificateStore& store, rpc::CallGuard guard) : store_(store), guard_(guard) {}

  grpc::Status ListCertificateTypes(grpc::ServerContext*, const v1::ListCertificateTypesRequest*,
                                    v1::ListCertificateTypesResponse*) override;
  grpc::Status ListCertificates(grpc::ServerContext*, const v1::ListCertificatesRequest*,
                                v1::ListCertificatesResponse*) override;
  grpc::Status GetCertificate(grpc::ServerContext*, const v1::GetCertificateRequest*, v1::Certificate*) override;
  grpc::Status CreateCertificate(grpc::ServerContext*, const v1::CreateCertificateRequest*, v1::Certificate*) override;
  grpc::Status UpdateCertificate(grpc::ServerContext*, const v1::UpdateCertificateRequest*, v1::Certificate*) override;
  grpc::Status RecordReview(grpc::ServerContext*, const v1::RecordReviewRequest*, v1::Certificate*) override;
  grpc::Status RevokeCertificate(grpc::ServerContext*, const v1::RevokeCertificateRequest*, v1::Certificate*) override;
  grpc::Status ListReminders(grpc::ServerContext*, const v1::ListRemindersRequest*, v1::ListRemindersResponse*) override;

 private:
  PgCertificateStore& store_;
  rpc::CallGuard guard_;
};

}  // namespace safeloop::personnel::qualification
