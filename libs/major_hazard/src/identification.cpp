#include "safeloop/major_hazard/identification.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "internal.hpp"

namespace safeloop::major_hazard {
namespace {

std::string Field(std::size_t index, std::string_view leaf) {
  return "substances[" + std::to_string(index) + "]." + std::string(leaf);
}

std::string Describe(const NamedChemical& row) {
  std::string out = "row " + std::to_string(row.row) + " (" + std::string(row.name);
  if (!row.qualifier.empty()) out += ", " + std::string(row.qualifier);
  return out + ")";
}

// One Table 1 lookup key the caller gave, with the rows it matches.
struct Key {
  std::string field;
  std::string shown;  // how the key reads in messages
  std::vector<const NamedChemical*> rows;
};

// The Table 1 row the keys agree on; nullptr when keys were given but none matches any row (or none was
// given): the chemical is then not in Table 1. A key that matches nothing while another matches is an
// error, because the caller then described two different chemicals.
Result<const NamedChemical*> ResolveTable1(std::size_t index, const Substance& substance) {
  std::vector<Key> keys;
  if (substance.table1_row != 0) {
    auto row = FindChemicalByRow(substance.table1_row);
    if (!row.ok()) return InvalidArgument(row.status().message(), Field(index, "table1_row"));
    keys.push_back({Field(index, "table1_row"), "table1_row " + std::to_string(substance.table1_row), {*row}});
  }
  std::string_view name = internal::Trim(substance.name);
  if (!name.empty()) keys.push_back({Field(index, "name"), "name '" + std::string(name) + "'", ChemicalsByName(name)});
  std::string_view cas = internal::Trim(substance.cas);
  if (!cas.empty()) keys.push_back({Field(index, "cas"), "cas " + std::string(cas), ChemicalsByCas(cas)});

  const Key* matched = nullptr;
  for (const Key& key : keys) {
    if (!key.rows.empty()) {
      matched = &key;
      break;
    }
  }
  if (matched == nullptr) return static_cast<const NamedChemical*>(nullptr);

  std::vector<const NamedChemical*> common = matched->rows;
  for (const Key& key : keys) {
    if (key.rows.empty()) {
      return InvalidArgument(key.shown + " is not in GB 18218 Table 1, but " + matched->shown + " is " +
                                 Describe(*matched->rows.front()) +
                                 "; keys must name the same chemical (free text goes in label)",
                             key.field);
    }
    std::vector<const NamedChemical*> narrowed;
    for (const NamedChemical* row : common) {
      if (std::find(key.rows.begin(), key.rows.end(), row) != key.rows.end()) narrowed.push_back(row);
    }
    if (narrowed.empty()) {
      return InvalidArgument(key.shown + " is " + Describe(*key.rows.front()) + " of GB 18218 Table 1, but " +
                                 matched->shown + " is " + Describe(*matched->rows.front()),
                             key.field);
    }
    common = std::move(narrowed);
  }
  if (common.size() > 1) {
    std::string rows;
    for (const NamedChemical* row : common) rows += (rows.empty() ? "" : "; ") + Describe(*row);
    // Several rows share a name or CAS only when they differ by qualifier (and Q): the caller must choose.
    return InvalidArgument(matched->shown + " covers several GB 18218 Table 1 rows: " + rows +
                               "; set table1_row to the row whose qualifier applies",
                           matched->field);
  }
  return common.front();
}

// The class with the lowest Q; among equal Q the larger β (it is the stricter record of the two).
const HazardClass* LowestQClass(const std::vector<const HazardClass*>& classes) {
  const HazardClass* best = nullptr;
  for (const HazardClass* cls : classes) {
    if (best == nullptr || cls->critical_quantity_t < best->critical_quantity_t ||
        (cls->critical_quantity_t == best->critical_quantity_t && cls->beta > best->beta)) {
      best = cls;
    }
  }
  return best;
}

Status CheckQuantity(std::size_t index, const Substance& substance, double& tonnes) {
  const std::string field = Field(index, "quantity");
  if (std::isnan(substance.quantity) || std::isinf(substance.quantity)) {
    return InvalidArgument("quantity q must be a finite number of tonnes (设计最大量)", field);
  }
  if (substance.quantity < 0) {
    std::ostringstream msg;
    msg << "quantity q must be ≥ 0; got " << substance.quantity;
    return InvalidArgument(msg.str(), field);
  }
  tonnes = substance.mass_unit == MassUnit::kKilogram ? substance.quantity / 1000.0 : substance.quantity;
  if (tonnes > kMaxQuantityTonnes) {
    std::ostringstream msg;
    msg << "quantity q = " << tonnes << " t is above " << kMaxQuantityTonnes
        << " t; check the mass unit (t or kg)";
    return InvalidArgument(msg.str(), field);
  }
  return Status::Ok();
}

}  // namespace

std::string_view UnitKindNameZh(UnitKind kind) {
  switch (kind) {
    case UnitKind::kProduction:
      return "生产单元";
    case UnitKind::kStorage:
      return "储存单元";
    case UnitKind::kUnspecified:
      break;
  }
  return "未指定";
}

namespace internal {

Result<ExactIdentification> IdentifyExact(const UnitInventory& unit) {
  if (unit.kind != UnitKind::kProduction && unit.kind != UnitKind::kStorage) {
    return InvalidArgument("kind must be production (生产单元) or storage (储存单元); they are identified separately",
                           "kind");
  }
  if (unit.substances.empty()) {
    return InvalidArgument("a unit needs at least one hazardous chemical to identify", "substances");
  }
  ExactIdentification out;
  out.result.unit_name = unit.name;
  out.result.kind = unit.kind;
  const Exact one = ScaledOne();
  const std::int64_t l = CommonMultiple();

  for (std::size_t i = 0; i < unit.substances.size(); ++i) {
    const Substance& s = unit.substances[i];
    if (s.form != SubstanceForm::kPure && s.form != SubstanceForm::kMixtureSameClass &&
        s.form != SubstanceForm::kMixtureNewClass) {
      return InvalidArgument("form must be pure, mixture_same_class or mixture_new_class", Field(i, "form"));
    }
    if (s.mass_unit != MassUnit::kTonne && s.mass_unit != MassUnit::kKilogram) {
      return InvalidArgument("mass_unit must be t or kg", Field(i, "mass_unit"));
    }
    double tonnes = 0;
    SAFELOOP_RETURN_IF_ERROR(CheckQuantity(i, s, tonnes));

    IdentifiedTerm term;
    term.index = i;
    term.label = s.label;
    for (std::size_t j = 0; j < s.hazard_classes.size(); ++j) {
      const HazardClass* cls = HazardClassByCode(s.hazard_classes[j]);
      if (cls == nullptr) {
        auto lookup = FindHazardClass(s.hazard_classes[j]);
        return InvalidArgument(lookup.status().message(),
                               Field(i, "hazard_classes[" + std::to_string(j) + "]"));
      }
      term.classes.push_back(cls);
    }

    std::string_view cas = Trim(s.cas);
    if (!cas.empty() && !IsValidCasNumber(cas)) {
      return InvalidArgument("'" + std::string(cas) + "' is not a valid CAS number (digits-dd-d with a correct check digit)",
                             Field(i, "cas"));
    }
    if (s.table1_row != 0) {
      auto row = FindChemicalByRow(s.table1_row);
      if (!row.ok()) return InvalidArgument(row.status().message(), Field(i, "table1_row"));
    }
    // A mixture reclassified into another class leaves Table 1: its Q is that of the new class.
    if (s.form != SubstanceForm::kMixtureNewClass) {
      auto chemical = ResolveTable1(i, s);
      if (!chemical.ok()) return chemical.status();
      term.chemical = *chemical;
    }

    if (term.chemical != nullptr) {
      term.q_source = QSource::kTable1;
      term.critical_quantity_t = term.chemical->critical_quantity_t;
    } else {
      if (term.classes.empty()) {
        std::string_view name = Trim(s.name);
        if (s.form == SubstanceForm::kMixtureNewClass) {
          return InvalidArgument("a mixture with a new hazard class takes Q from that class; give hazard_classes",
                                 Field(i, "hazard_classes"));
        }
        if (!name.empty()) {
          return InvalidArgument("'" + std::string(name) +
                                     "' is not a name or alias in GB 18218 Table 1 and no hazard class is given; "
                                     "give hazard_classes (Table 2 codes) or a Table 1 name",
                                 Field(i, "name"));
        }
        if (!cas.empty()) {
          return InvalidArgument("CAS " + std::string(cas) +
                                     " is not in GB 18218 Table 1 and no hazard class is given; give hazard_classes",
                                 Field(i, "cas"));
        }
        return InvalidArgument("give a GB 18218 Table 1 chemical (table1_row, name or cas) or its hazard_classes",
                               Field(i, "hazard_classes"));
      }
      // Several hazards: the lowest Q of their classes (GB 18218 §4.1).
      term.q_source = QSource::kTable2;
      term.q_class = LowestQClass(term.classes);
      term.critical_quantity_t = term.q_class->critical_quantity_t;
    }

    const std::int64_t grams = QuantityGrams(tonnes);
    const Exact scaled = static_cast<Exact>(grams) * (l / QCenti(term.critical_quantity_t));
    term.q_tonnes = static_cast<double>(grams) / 1e6;
    term.ratio = ToDouble(scaled, one);
    term.reaches_alone = scaled >= one;
    out.scaled.push_back(scaled);
    out.scaled_sum += scaled;
    out.result.terms.push_back(std::move(term));
  }
  out.result.s = ToDouble(out.scaled_sum, one);
  out.result.is_major_hazard = out.scaled_sum >= one;
  return out;
}

}  // namespace internal

Status ValidateUnit(const UnitInventory& unit) { return internal::IdentifyExact(unit).status(); }

Result<Identification> Identify(const UnitInventory& unit) {
  auto exact = internal::IdentifyExact(unit);
  if (!exact.ok()) return exact.status();
  return std::move(exact->result);
}

}  // namespace safeloop::major_hazard
