#pragma once
// Input checks of the risk model API that need no database; every failure names the field at fault.
// (Existence of referenced rows — units, people, the point — is checked by the stores in their transaction.)

#include <string>

#include "safeloop/core/status.hpp"
#include "safeloop/risk/v1/risk_model.pb.h"

namespace safeloop::risk::model {

Status ValidateObject(const std::string& name, const std::string& hazard_code, const std::string& department_id,
                      const std::string& liable_person_id, const std::string& description);
Status ValidateUnit(const std::string& name, int seq, const std::string& department_id,
                    const std::string& liable_person_id);
/// `accident_type_version` must be resolved already (the list in force when the request named none).
Status ValidateProfile(const v1::UpdateRiskPointProfileRequest& req);
/// Names of one accident-type list version, each at most once, at most 10.
Status ValidateAccidentTypes(const google::protobuf::RepeatedPtrField<std::string>& names, const std::string& version,
                             const char* field);
/// The event's texts and its control measures (classes, exchange classify1/classify2, mode, and the
/// inspection content every existing inspected measure needs so the hazard service can check it).
Status ValidateEvent(const std::string& name, int seq, const std::string& step, const std::string& standard,
                     const std::string& hazard, const std::string& consequence,
                     const google::protobuf::RepeatedPtrField<v1::ControlMeasure>& measures);

}  // namespace safeloop::risk::model
