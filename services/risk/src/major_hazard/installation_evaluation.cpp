#include "major_hazard/installation_evaluation.hpp"

#include "safeloop/major_hazard/grading.hpp"
#include "safeloop/major_hazard/identification.hpp"
#include "safeloop/major_hazard/tables.hpp"

namespace safeloop::risk::major_hazard_module {
namespace mh = safeloop::major_hazard;
namespace {

Result<mh::SubstanceForm> FormOf(const std::string& form, const std::string& field) {
  if (form.empty() || form == "pure") return mh::SubstanceForm::kPure;
  if (form == "mixture_same_class") return mh::SubstanceForm::kMixtureSameClass;
  if (form == "mixture_new_class") return mh::SubstanceForm::kMixtureNewClass;
  return InvalidArgument("form must be pure, mixture_same_class or mixture_new_class", field);
}

// The library names fields by its own struct ("substances[2].quantity"); the API's are the same shape.
Status Renamed(Status s) {
  std::string field = s.field();
  if (auto pos = field.find(".quantity"); pos != std::string::npos && field.find("quantity_t") == std::string::npos) {
    field.replace(pos, 9, ".quantity_t");
  }
  return Status(s.code(), s.message(), field);
}

}  // namespace

Status EvaluateInstallation(const v1::SaveMajorHazardInstallationRequest& req, v1::MajorHazardInstallation& out) {
  mh::UnitInventory unit;
  unit.name = req.name();
  if (req.unit_kind() == "production") {
    unit.kind = mh::UnitKind::kProduction;
  } else if (req.unit_kind() == "storage") {
    unit.kind = mh::UnitKind::kStorage;
  } else {
    return InvalidArgument("unit_kind must be production (生产单元) or storage (储存单元)", "unit_kind");
  }
  for (int i = 0; i < req.substances_size(); ++i) {
    const auto& in = req.substances(i);
    mh::Substance s;
    s.label = in.label();
    s.table1_row = in.table1_row();
    s.name = in.name();
    s.cas = in.cas();
    s.hazard_classes = {in.hazard_classes().begin(), in.hazard_classes().end()};
    auto form = FormOf(in.form(), "substances[" + std::to_string(i) + "].form");
    if (!form.ok()) return form.status();
    s.form = *form;
    s.quantity = in.quantity_t();
    unit.substances.push_back(std::move(s));
  }
  auto identified = mh::Identify(unit);
  if (!identified.ok()) return Renamed(identified.status());

  out.set_object_id(req.object_id());
  out.set_name(req.name());
  out.set_unit_kind(req.unit_kind());
  out.set_exposed_population(req.exposed_population());
  *out.mutable_substances() = req.substances();
  out.set_standard(std::string(mh::StandardVersion()));
  out.set_s(identified->s);
  out.set_identified(identified->is_major_hazard);
  out.clear_terms();
  if (!identified->is_major_hazard) {
    out.set_alpha(0);
    out.set_r(0);
    out.set_grade(0);
    out.set_grade_name("不构成重大危险源");
    for (const auto& t : identified->terms) {
      auto* term = out.add_terms();
      term->set_label(t.label);
      term->set_q_t(t.q_tonnes);
      term->set_critical_quantity_t(t.critical_quantity_t);
      term->set_ratio(t.ratio);
      term->set_q_source(t.q_source == mh::QSource::kTable1 ? "table1" : "table2");
    }
    return Status::Ok();
  }
  auto graded = mh::Grade(unit, req.exposed_population());
  if (!graded.ok()) return Renamed(graded.status());
  out.set_alpha(graded->alpha);
  out.set_r(graded->r);
  out.set_grade(static_cast<int>(graded->grade));
  out.set_grade_name(std::string(mh::GradeNameZh(graded->grade)) + "重大危险源");
  for (const auto& g : graded->terms) {
    auto* term = out.add_terms();
    term->set_label(g.term.label);
    term->set_q_t(g.term.q_tonnes);
    term->set_critical_quantity_t(g.term.critical_quantity_t);
    term->set_ratio(g.term.ratio);
    term->set_q_source(g.term.q_source == mh::QSource::kTable1 ? "table1" : "table2");
    term->set_beta(g.beta);
  }
  return Status::Ok();
}

}  // namespace safeloop::risk::major_hazard_module
