#pragma once
// Records of the risk service -> protos of safeloop.risk.v1.

#include "risk_model.hpp"
#include "safeloop/risk/v1/risk.pb.h"

namespace safeloop::risk {

void ToProto(const PlantMapRecord& in, v1::PlantMap& out);
void ToProto(const AreaRecord& in, v1::Area& out);
void ToProto(const AssessmentRecord& in, v1::LecAssessment& out);
void ToProto(const RiskPointRecord& in, v1::RiskPoint& out);
void SetTimestamp(TimePoint t, google::protobuf::Timestamp& out);

}  // namespace safeloop::risk
