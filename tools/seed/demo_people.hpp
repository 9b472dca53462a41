#pragma once
// The demo park's people: who holds which default role, their units, certificates (some due soon, so
// the reminders and the expiry highlighting have something to show) and one contractor. Data only.

#include <vector>

namespace safeloop::seed {

// Accounts `safeloop-personnel bootstrap-account` creates (tools/lib/services.sh seed_demo_plant).
inline constexpr char kDemoAdmin[] = "demo.admin";
inline constexpr char kSecondAdmin[] = "linggang.admin";
inline constexpr char kParkSupervisor[] = "park.supervisor";
inline constexpr char kParkName[] = "沧州临港化工园区";

struct DemoUnit {
  const char* parent;  ///< path below the company root ("" = the root)
  const char* kind;
  const char* name;
};

struct DemoPerson {
  const char* employee_no;
  const char* name;
  const char* gender;
  const char* unit;  ///< path below the root, e.g. "生产部/一车间"
  const char* post;  ///< path of the post held, "" = none
  const char* title;
  const char* work_type;
  bool special_operation;
  const char* mobile;
  const char* username;  ///< "" = no account
  const char* role;      ///< default role code of the account
};

struct DemoCertificate {
  const char* employee_no;
  const char* type_code;
  const char* number;
  int issued_days_ago;  ///< issue date relative to the seeding day (expiry = issue + the type's validity)
  int reviewed_days_ago;  ///< last review; < 0 = never
};

inline const std::vector<DemoUnit> kDemoUnits = {
    {"", "department", "安全环保部"}, {"", "department", "生产部"},        {"", "department", "设备部"},
    {"生产部", "workshop", "一车间"}, {"生产部", "workshop", "二车间"},    {"生产部/一车间", "team", "甲班"},
    {"生产部/一车间/甲班", "post", "反应釜操作岗"}, {"设备部", "team", "电仪班"},
};

inline const std::vector<DemoPerson> kDemoPeople = {
    {"AY0002", "李强", "male", "安全环保部", "", "安全总监", "", false, "13803170002", "demo.director", "safety_director"},
    {"AY0003", "王芳", "female", "安全环保部", "", "安全管理员", "", false, "13803170003", "demo.officer", "safety_officer"},
    {"AY0004", "刘洋", "male", "生产部", "", "生产部经理", "", false, "13803170004", "demo.depthead", "dept_head"},
    {"AY0005", "陈静", "female", "安全环保部", "", "安全员", "", false, "13803170005", "demo.inspector", "inspector"},
    {"AY0006", "赵磊", "male", "生产部/一车间/甲班", "生产部/一车间/甲班/反应釜操作岗", "操作工", "化工操作工", true, "13803170006", "demo.worker", "worker"},
    {"AY0007", "孙涛", "male", "设备部/电仪班", "", "电工", "电工", true, "13803170007", "", ""},
    {"AY0008", "周敏", "female", "设备部/电仪班", "", "焊工", "焊工", true, "13803170008", "", ""},
    {"AY0009", "吴昊", "male", "生产部/二车间", "", "操作工", "化工操作工", false, "13803170009", "", ""},
};

// Days are chosen against the rules (special-operation certificates: valid 6 years, review every 3).
inline const std::vector<DemoCertificate> kDemoCertificates = {
    {"AY0006", "special_op.hazchem.nitration", "T130931198805060016", 400, -1},  // valid
    {"AY0007", "special_op.electrician", "T130931199003070031", 6 * 365 - 20, 3 * 365 - 10},  // expires in ~20 d
    {"AY0008", "special_op.welding", "T130931199207080048", 3 * 365 - 40, -1},  // review due in ~40 d
    {"AY0003", "safety_training.safety_manager", "AQ13093120240003", 200, -1},  // valid
};

// The second enterprise of the park: a small tenant to show (and test) isolation.
inline const std::vector<DemoUnit> kSecondUnits = {{"", "department", "生产部"}};
inline const std::vector<DemoPerson> kSecondPeople = {
    {"LG0002", "黄斌", "male", "生产部", "", "操作工", "化工操作工", false, "13803180002", "linggang.worker", "worker"},
};

inline constexpr char kDemoContractor[] = "沧州恒达建设工程有限公司";
inline constexpr char kDemoContractorCreditCode[] = "91130931MA0DEM0C3G";
inline constexpr char kDemoContractorTeam[] = "检修一队";
inline constexpr char kDemoContractorStaff[] = "郑刚";

}  // namespace safeloop::seed
