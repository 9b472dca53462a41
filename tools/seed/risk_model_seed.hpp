#pragma once
// Seeds the demo enterprise's risk model through the risk gRPC API so that every assessment method shows:
// analysis objects with hazard codes, a three-level unit partition, point profiles (unit, code, responsible
// unit and person from personnel), risk events with control measures, and full assessments — SCL with LS,
// SCL with LEC, a 二级 major hazard forcing 重大 by judgement rule, and a JHA with LEC for a loading
// operation — and the tank farm as a 二级 major hazard installation (GB 18218). Idempotent: objects and units by name, profiles when never written, events when the point has
// none, assessments when the point has none.

#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>

namespace safeloop::seed {

class RiskModelSeeder {
 public:
  RiskModelSeeder(std::shared_ptr<grpc::Channel> risk, std::shared_ptr<grpc::Channel> personnel, std::string token);
  /// `map_id`: the demo map whose areas hold the demo points.
  void Run(const std::string& map_id);
  int created() const { return created_; }

 private:
  void SeedMajorHazard(const std::string& object_id);

  std::shared_ptr<grpc::Channel> risk_, personnel_;
  std::string token_;
  int created_ = 0;
};

}  // namespace safeloop::seed
