// The qualification module: certificates, contractors and the qualification check behind one gRPC server,
// plus the hourly certificate reminder sweep.
#include "grpc_certificate_service.hpp"
#include "grpc_contractor_service.hpp"
#include "grpc_qualification_service.hpp"
#include "personnel_module.hpp"
#include "reminder_job.hpp"

namespace safeloop::personnel {
namespace {

using namespace qualification;

class QualificationModule final : public PersonnelModule {
 public:
  explicit QualificationModule(PersonnelContext& c)
      : certificates_(c.pool, c.clock, c.config.certificate_reminder_days),
        contractors_(c.pool, c.clock),
        facts_(c.pool),
        certificate_service_(certificates_, c.guard),
        contractor_service_(contractors_, c.guard, c.clock),
        qualification_service_(facts_, c.guard, c.clock, c.config.certificate_reminder_days),
        reminders_(certificates_, c.clock, c.config.kafka_brokers, c.metrics) {}

  std::vector<grpc::Service*> Services() override {
    return {&certificate_service_, &contractor_service_, &qualification_service_};
  }
  std::vector<std::string> HealthNames() const override {
    return {"safeloop.personnel.v1.CertificateService", "safeloop.personnel.v1.ContractorService",
            "safeloop.personnel.v1.QualificationService"};
  }
  void Start() override { reminders_.Start(); }
  void Stop() override { reminders_.Stop(); }

 private:
  PgCertificateStore certificates_;
  PgContractorStore contractors_;
  PgQualificationFacts facts_;
  GrpcCertificateService certificate_service_;
  GrpcContractorService contractor_service_;
  GrpcQualificationService qualification_service_;
  ReminderJob reminders_;
};

}  // namespace

std::unique_ptr<PersonnelModule> MakeQualificationModule(PersonnelContext& context) {
  return std::make_unique<QualificationModule>(context);
}

}  // namespace safeloop::personnel
