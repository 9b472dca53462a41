#pragma once
// GB 18218 identification and grading of an installation's inputs (pure): request → libs/major_hazard →
// the computed MajorHazardInstallation fields. Errors name the request field (substances[i].…).

#include "safeloop/core/status.hpp"
#include "safeloop/risk/v1/risk_major_hazard.pb.h"

namespace safeloop::risk::major_hazard_module {

/// Fills s, identified, alpha, r, grade, grade_name, terms and standard of `out` from the request's inputs
/// (which it copies into `out`). A unit with S < 1 is identified as not a major hazard (grade 0), not an error.
Status EvaluateInstallation(const v1::SaveMajorHazardInstallationRequest& req, v1::MajorHazardInstallation& out);

}  // namespace safeloop::risk::major_hazard_module
