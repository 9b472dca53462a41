#include "pg_qualification_facts.hpp"

#include <map>

#include "safeloop/db/transaction.hpp"

namespace safeloop::personnel::qualification {
namespace {

namespace pd = personnel_domain;

std::string IdArray(const std::vector<std::string>& ids) {
  std::string out = "{";
  for (const auto& id : ids) out += (out.size() > 1 ? "," : "") + id;
  return out + "}";
}

std::optional<TimePoint> InstantOf(const pqxx::field& f) {
  if (f.is_null()) return std::nullopt;
  return FromUnixMillis(f.as<std::int64_t>());
}

}  // namespace

Result<std::vector<pd::PersonFacts>> PgQualificationFacts::Load(const Actor& actor,
                                                                const std::vector<std::string>& person_ids,
                                                                const std::string& field, bool indexed) {
  return db::InTenantTransaction<Result<std::vector<pd::PersonFacts>>>(
      pool_, actor.enterprise_id, [&](pqxx::work& tx) -> Result<std::vector<pd::PersonFacts>> {
        const std::string ids = IdArray(person_ids);
        std::map<std::string, pd::PersonFacts> people;
        for (const auto& r : tx.exec_params("SELECT id, status, person_type FROM personnel.person "
                                            "WHERE id = ANY($1::uuid[])",
                                            ids)) {
          pd::PersonFacts p;
          p.person_id = r[0].as<std::string>();
          p.status = r[1].as<std::string>();
          p.person_type = r[2].as<std::string>();
          people.emplace(p.person_id, std::move(p));
        }
        for (std::size_t i = 0; i < person_ids.size(); ++i) {
          if (!people.count(person_ids[i])) {
            return NotFound("人员不存在: " + person_ids[i], indexed ? field + "[" + std::to_string(i) + "]" : field);
          }
        }

        std::map<std::string, pd::ContractorFacts> companies;
        std::map<std::string, std::string> company_of;  // person -> company
        for (const auto& r : tx.exec_params("SELECT s.person_id, s.review_status, k.id, k.review_status "
                                            "FROM personnel.contractor_staff s JOIN personnel.contractor_company k "
                                            "ON k.id = s.company_id WHERE s.person_id = ANY($1::uuid[])",
                                            ids)) {
          auto& p = people.at(r[0].as<std::string>());
          p.staff_review_status = r[1].as<std::string>();
          company_of[p.person_id] = r[2].as<std::string>();
          auto& company = companies[r[2].as<std::string>()];
          company.company_id = r[2].as<std::string>();
          company.review_status = r[3].as<std::string>();
        }
        std::vector<std::string> company_ids;
        for (const auto& [id, _] : companies) company_ids.push_back(id);
        for (const auto& r : tx.exec_params("SELECT company_id, to_char(expires_on, 'YYYY-MM-DD') "
                                            "FROM personnel.contractor_document WHERE company_id = ANY($1::uuid[])",
                                            IdArray(company_ids))) {
          companies.at(r[0].as<std::string>()).document_expiries.push_back(DateOf(r[1]));
        }

        std::vector<std::string> subjects = person_ids;
        subjects.insert(subjects.end(), company_ids.begin(), company_ids.end());
        for (const auto& r : tx.exec_params("SELECT subject_kind, subject_id, " + MillisColumn("from_at", "f") + ", " +
                                                MillisColumn("until_at", "u") + ", " + MillisColumn("lifted_at", "l") +
                                                " FROM personnel.blacklist_entry WHERE subject_id = ANY($1::uuid[])",
                                            IdArray(subjects))) {
          pd::BlacklistPeriod period{FromUnixMillis(r[2].as<std::int64_t>()), InstantOf(r[3]), InstantOf(r[4])};
          const std::string subject = r[1].as<std::string>();
          if (r[0].as<std::string>() == "company") {
            if (auto it = companies.find(subject); it != companies.end()) it->second.blacklist.push_back(period);
          } else if (auto it = people.find(subject); it != people.end()) {
            it->second.blacklist.push_back(period);
          }
        }

        for (const auto& r : tx.exec_params(
                 "SELECT c.person_id, c.id, c.type_code, coalesce(t.parent_code, ''), c.number, t.kind, "
                 "t.review_interval_years, to_char(c.issued_on, 'YYYY-MM-DD'), to_char(c.expires_on, 'YYYY-MM-DD'), "
                 "to_char(c.last_review_on, 'YYYY-MM-DD'), c.review_extended, c.review_failed, "
                 "c.revoked_at IS NOT NULL FROM personnel.certificate c JOIN personnel.certificate_type t "
                 "ON t.code = c.type_code WHERE c.person_id = ANY($1::uuid[])",
                 ids)) {
          pd::HeldCertificate held;
          held.id = r[1].as<std::string>();
          held.type_code = r[2].as<std::string>();
          held.parent_code = r[3].as<std::string>();
          held.number = r[4].as<std::string>();
          held.dates.kind = pd::ParseCertificateKind(r[5].as<std::string>()).value_or(pd::CertificateKind::kSpecialOperation);
          held.dates.review_interval_years = r[6].as<int>();
          held.dates.issued_on = *DateOf(r[7]);
          held.dates.expires_on = DateOf(r[8]);
          held.dates.last_review_on = DateOf(r[9]);
          held.dates.review_extended = r[10].as<bool>();
          held.dates.review_failed = r[11].as<bool>();
          held.dates.revoked = r[12].as<bool>();
          people.at(r[0].as<std::string>()).certificates.push_back(std::move(held));
        }

        std::vector<pd::PersonFacts> out;
        for (const auto& id : person_ids) {
          auto p = people.at(id);
          if (auto it = company_of.find(id); it != company_of.end()) p.contractor = companies.at(it->second);
          out.push_back(std::move(p));
        }
        return out;
      });
}

}  // namespace safeloop::personnel::qualification
