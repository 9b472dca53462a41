#include "safeloop/personnel_domain/certificates.hpp"

#include <cstdio>

namespace safeloop::personnel_domain {
namespace {

using std::chrono::days;
using std::chrono::year_month_day;

bool Digits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return !s.empty();
}

int ToInt(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

std::vector<CertificateType> BuildCatalog() {
  using K = CertificateKind;
  std::vector<CertificateType> out;
  // 30 号令: valid 6 years, reviewed every 3 years.
  auto special = [&](const char* code, const char* name, const char* parent = "") {
    out.push_back({code, name, K::kSpecialOperation, parent, 6, 3});
  };
  special("special_op.electrician", "电工作业");
  special("special_op.welding", "焊接与热切割作业");
  special("special_op.work_at_height", "高处作业");
  special("special_op.refrigeration", "制冷与空调作业");
  special("special_op.coal_mine", "煤矿安全作业");
  special("special_op.metal_nonmetal_mine", "金属非金属矿山安全作业");
  special("special_op.oil_gas", "石油天然气安全作业");
  special("special_op.metallurgy", "冶金（有色）生产安全作业");
  special("special_op.hazchem", "危险化学品安全作业");
  const char* hazchem_items[][2] = {
      {"phosgenation", "光气及光气化工艺作业"}, {"chlor_alkali", "氯碱电解工艺作业"},
      {"chlorination", "氯化工艺作业"},         {"nitration", "硝化工艺作业"},
      {"ammonia_synthesis", "合成氨工艺作业"},  {"cracking", "裂解（裂化）工艺作业"},
      {"fluorination", "氟化工艺作业"},         {"hydrogenation", "加氢工艺作业"},
      {"diazotization", "重氮化工艺作业"},      {"oxidation", "氧化工艺作业"},
      {"peroxidation", "过氧化工艺作业"},       {"amination", "胺基化工艺作业"},
      {"sulfonation", "磺化工艺作业"},          {"polymerization", "聚合工艺作业"},
      {"alkylation", "烷基化工艺作业"},         {"instrumentation", "化工自动化控制仪表作业"},
  };
  for (const auto& item : hazchem_items) {
    out.push_back({std::string("special_op.hazchem.") + item[0], item[1], K::kSpecialOperation,
                   "special_op.hazchem", 6, 3});
  }
  special("special_op.fireworks", "烟花爆竹安全作业");
  special("special_op.other", "其他特种作业");
  // 安全生产法 Art. 27 assessment certificates: 3 years, renewed rather than reviewed [M].
  out.push_back({"safety_training.principal", "主要负责人安全生产知识和管理能力考核合格证", K::kSafetyTraining, "", 3, 0});
  out.push_back({"safety_training.safety_manager", "安全生产管理人员安全生产知识和管理能力考核合格证",
                 K::kSafetyTraining, "", 3, 0});
  // 特种设备作业人员证: re-examined every 4 years; no separate printed expiry [M].
  out.push_back({"special_equipment.crane", "起重机械作业", K::kSpecialEquipment, "", 0, 4});
  out.push_back({"special_equipment.crane_signal", "起重机械指挥", K::kSpecialEquipment, "", 0, 4});
  out.push_back({"special_equipment.boiler", "锅炉作业", K::kSpecialEquipment, "", 0, 4});
  out.push_back({"special_equipment.pressure_vessel", "压力容器作业", K::kSpecialEquipment, "", 0, 4});
  out.push_back({"special_equipment.vehicle", "场（厂）内专用机动车辆作业", K::kSpecialEquipment, "", 0, 4});
  // GB 30871-2022 4.10: the monitor's special training; the period is the enterprise's (expiry entered).
  out.push_back({"special_training.guardian", "特殊作业监护人专项培训", K::kSpecialTraining, "", 0, 0});
  return out;
}

}  // namespace

std::optional<Date> ParseDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  auto y = text.substr(0, 4), m = text.substr(5, 2), d = text.substr(8, 2);
  if (!Digits(y) || !Digits(m) || !Digits(d)) return std::nullopt;
  int year = ToInt(y);
  if (year < 1900 || year > 2999) return std::nullopt;
  year_month_day ymd{std::chrono::year(year), std::chrono::month(static_cast<unsigned>(ToInt(m))),
                     std::chrono::day(static_cast<unsigned>(ToInt(d)))};
  if (!ymd.ok()) return std::nullopt;
  return Date(ymd);
}



Date AddYears(Date date, int years) {
  year_month_day ymd(date);
  year_month_day moved = ymd + std::chrono::years(years);
  if (!moved.ok()) moved = moved.year() / moved.month() / std::chrono::last;  // 29 Feb in a common year
  return Date(moved);
}

std::optional<TimePoint> ParseRfc3339(std::string_view text) {
  // YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)
  if (text.size() < 20 || (text[10] != 'T' && text[10] != 't') || text[13] != ':' || text[16] != ':') {
    return std::nullopt;
  }
  auto date = ParseDate(text.substr(0, 10));
  auto hh = text.substr(11, 2), mi = text.substr(14, 2), ss = text.substr(17, 2);
  if (!date || !Digits(hh) || !Digits(mi) || !Digits(ss)) return std::nullopt;
  int hour = ToInt(hh), minute = ToInt(mi), second = ToInt(ss);
  if (hour > 23 || minute > 59 || second > 59) return std::nullopt;
  std::size_t pos = 19;
  std::chrono::nanoseconds fraction{0};
  if (pos < text.size() && text[pos] == '.') {
    std::size_t start = ++pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
    std::size_t n = pos - start;
    if (n == 0 || n > 9) return std::nullopt;
    long long v = 0;
    for (std::size_t i = 0; i < 9; ++i) v = v * 10 + (i < n ? text[start + i] - '0' : 0);
    fraction = std::chrono::nanoseconds(v);
  }
  if (pos >= text.size()) return std::nullopt;
  std::chrono::minutes offset{0};
  auto zone = text.substr(pos);
  if (zone == "Z" || zone == "z") {
    // UTC
  } else if (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && zone[3] == ':' && Digits(zone.substr(1, 2)) &&
             Digits(zone.substr(4, 2))) {
    int oh = ToInt(zone.substr(1, 2)), om = ToInt(zone.substr(4, 2));
    if (oh > 23 || om > 59) return std::nullopt;
    offset = std::chrono::minutes(oh * 60 + om) * (zone[0] == '-' ? -1 : 1);
  } else {
    return std::nullopt;
  }
  auto local = std::chrono::sys_days(*date) + std::chrono::hours(hour) + std::chrono::minutes(minute) +
               std::chrono::seconds(second);
  return std::chrono::time_point_cast<TimePoint::duration>(local - offset) +
         std::chrono::duration_cast<TimePoint::duration>(fraction);
}

std::string_view CertificateKindCode(CertificateKind kind) {
  switch (kind) {
    case CertificateKind::kSpecialOperation: return "special_operation";
    case CertificateKind::kSafetyTraining: return "safety_training";
    case CertificateKind::kSpecialEquipment: return "special_equipment";
    case CertificateKind::kSpecialTraining: return "special_training";
  }
  return "special_operation";
}

std::optional<CertificateKind> ParseCertificateKind(std::string_view code) {
  for (auto k : {CertificateKind::kSpecialOperation, CertificateKind::kSafetyTraining,
                 CertificateKind::kSpecialEquipment, CertificateKind::kSpecialTraining}) {
    if (CertificateKindCode(k) == code) return k;
  }
  return std::nullopt;
}

const std::vector<CertificateType>& CertificateCatalog() {
  static const std::vector<CertificateType> catalog = BuildCatalog();
  return catalog;
}

const CertificateType* FindCertificateType(std::string_view code) {
  for (const auto& t : CertificateCatalog()) {
    if (t.code == code) return &t;
  }
  return nullptr;
}

bool CertificateMeets(const CertificateType& held, std::string_view required) {
  return held.code == required || (!held.parent_code.empty() && held.parent_code == required);
}

std::optional<Date> DefaultExpiry(const CertificateType& type, Date issued_on) {
  if (type.validity_years <= 0) return std::nullopt;
  return AddYears(issued_on, type.validity_years);
}

bool ReviewExtensionAllowed(CertificateKind kind) { return kind == CertificateKind::kSpecialOperation; }

std::optional<Date> NextReviewDate(const CertificateDates& c) {
  if (c.review_interval_years <= 0) return std::nullopt;
  int years = c.review_interval_years;
  if (c.review_extended && ReviewExtensionAllowed(c.kind) && years < kExtendedReviewYears) years = kExtendedReviewYears;
  return AddYears(c.last_review_on.value_or(c.issued_on), years);
}

std::string_view CertificateStatusCode(CertificateStatus status) {
  switch (status) {
    case CertificateStatus::kValid: return "valid";
    case CertificateStatus::kExpiringSoon: return "expiring_soon";
    case CertificateStatus::kReviewDueSoon: return "review_due_soon";
    case CertificateStatus::kReviewOverdue: return "review_overdue";
    case CertificateStatus::kReviewFailed: return "review_failed";
    case CertificateStatus::kExpired: return "expired";
    case CertificateStatus::kRevoked: return "revoked";
  }
  return "valid";
}

std::optional<CertificateStatus> ParseCertificateStatus(std::string_view code) {
  for (auto s : {CertificateStatus::kValid, CertificateStatus::kExpiringSoon, CertificateStatus::kReviewDueSoon,
                 CertificateStatus::kReviewOverdue, CertificateStatus::kReviewFailed, CertificateStatus::kExpired,
                 CertificateStatus::kRevoked}) {
    if (CertificateStatusCode(s) == code) return s;
  }
  return std::nullopt;
}

bool StatusQualifies(CertificateStatus status) {
  return status == CertificateStatus::kValid || status == CertificateStatus::kExpiringSoon ||
         status == CertificateStatus::kReviewDueSoon;
}

namespace {
// The review date when it still matters (before the expiry).
std::optional<Date> LiveReviewDate(const CertificateDates& c) {
  auto review = NextReviewDate(c);
  if (review && c.expires_on && *review >= *c.expires_on) return std::nullopt;
  return review;
}
}  // namespace

CertificateStatus StatusOn(const CertificateDates& c, Date today, int expiry_warning_days) {
  if (c.revoked) return CertificateStatus::kRevoked;
  if (c.review_failed) return CertificateStatus::kReviewFailed;
  if (c.expires_on && today > *c.expires_on) return CertificateStatus::kExpired;
  auto review = LiveReviewDate(c);
  if (review && today > *review) return CertificateStatus::kReviewOverdue;
  if (review && today >= *review - days(kReviewWindowDays)) return CertificateStatus::kReviewDueSoon;
  if (c.expires_on && today >= *c.expires_on - days(expiry_warning_days)) return CertificateStatus::kExpiringSoon;
  return CertificateStatus::kValid;
}

std::string_view DueKindCode(DueDate::Kind kind) { return kind == DueDate::Kind::kExpiry ? "expiry" : "review"; }

std::vector<DueDate> DueDates(const CertificateDates& c) {
  std::vector<DueDate> out;
  if (c.revoked || c.review_failed) return out;
  if (auto review = LiveReviewDate(c)) out.push_back({DueDate::Kind::kReview, *review});
  if (c.expires_on) out.push_back({DueDate::Kind::kExpiry, *c.expires_on});
  return out;
}

int DaysBetween(Date today, Date date) { return static_cast<int>((date - today).count()); }

Status ValidateCertificateDates(const CertificateDates& c, Date today) {
  if (c.issued_on > today) return InvalidArgument("发证日期不能晚于今天", "issued_on");
  if (c.expires_on && *c.expires_on <= c.issued_on) return InvalidArgument("有效期截止日期必须晚于发证日期", "expires_on");
  if (c.last_review_on && *c.last_review_on < c.issued_on) {
    return InvalidArgument("复审日期不能早于发证日期", "last_review_on");
  }
  if (c.last_review_on && *c.last_review_on > today) return InvalidArgument("复审日期不能晚于今天", "last_review_on");
  if (c.review_extended && !ReviewExtensionAllowed(c.kind)) {
    return InvalidArgument("只有特种作业操作证可延长复审周期", "review_extended");
  }
  if (c.review_extended && c.review_interval_years <= 0) {
    return InvalidArgument("该证书类型没有复审", "review_extended");
  }
  return Status::Ok();
}

}  // namespace safeloop::personnel_domain
