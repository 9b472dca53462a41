#include "proto_mapping.hpp"

namespace safeloop::risk {

void SetTimestamp(TimePoint t, google::protobuf::Timestamp& out) {
  auto ms = UnixMillis(t);
  out.set_seconds(ms / 1000);
  out.set_nanos(static_cast<int>(ms % 1000) * 1'000'000);
}

void ToProto(const PlantMapRecord& in, v1::PlantMap& out) {
  out.set_id(in.id);
  out.set_name(in.name);
  out.set_image_url(in.image_url);
  out.set_width(in.width);
  out.set_height(in.height);
  SetTimestamp(in.created_at, *out.mutable_created_at());
}

void ToProto(const AreaRecord& in, v1::Area& out) {
  out.set_id(in.id);
  out.set_map_id(in.map_id);
  out.set_name(in.name);
  for (const auto& v : in.polygon) {
    auto* p = out.add_polygon();
    p->set_x(v.x);
    p->set_y(v.y);
  }
  out.set_inherent_level(static_cast<v1::RiskLevel>(in.level));
  SetTimestamp(in.created_at, *out.mutable_created_at());
}

void ToProto(const AssessmentRecord& in, v1::LecAssessment& out) {
  out.set_id(in.id);
  out.set_risk_point_id(in.risk_point_id);
  out.set_l(in.input.l);
  out.set_e(in.input.e);
  out.set_c(in.input.c);
  out.set_d(in.score.d);
  out.set_level(static_cast<v1::RiskLevel>(in.score.level));
  out.set_band_variant(static_cast<v1::LecBandVariant>(in.variant));
  out.set_assessed_by(in.assessed_by);
  out.set_note(in.note);
  SetTimestamp(in.assessed_at, *out.mutable_assessed_at());
  out.set_version(in.version);
}

void ToProto(const RiskPointRecord& in, v1::RiskPoint& out) {
  out.set_id(in.id);
  out.set_area_id(in.area_id);
  out.set_name(in.name);
  out.set_description(in.description);
  out.set_level(static_cast<v1::RiskLevel>(in.level));
  if (in.latest) ToProto(*in.latest, *out.mutable_latest_assessment());
  SetTimestamp(in.created_at, *out.mutable_created_at());
}

}  // namespace safeloop::risk
