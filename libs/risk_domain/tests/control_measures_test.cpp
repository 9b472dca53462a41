#include <catch2/catch.hpp>

#include <string>

#include "safeloop/risk_domain/control_measures.hpp"

using namespace safeloop;
using namespace safeloop::risk;

using C = ControlClass;
using M = MemControlClass;

TEST_CASE("control measures: the five record classes") {
  CHECK(ControlClassNameZh(C::kEngineering) == "工程技术措施");
  CHECK(ControlClassNameZh(C::kManagement) == "管理措施");
  CHECK(ControlClassNameZh(C::kTraining) == "培训教育措施");
  CHECK(ControlClassNameZh(C::kPersonalProtection) == "个体防护措施");
  CHECK(ControlClassNameZh(C::kEmergency) == "应急处置措施");
  for (ControlClass c : kAllControlClasses) {
    CHECK(ControlClassFromCode(static_cast<int>(c)) == c);
    CHECK(ControlClassFromNameZh(ControlClassNameZh(c)) == c);
  }
  // The JHA column heads drop 措施.
  CHECK(ControlClassFromNameZh("工程技术") == C::kEngineering);
  CHECK(ControlClassFromNameZh("培训教育") == C::kTraining);
  CHECK(ControlClassFromNameZh("个体防护") == C::kPersonalProtection);
  CHECK(ControlClassFromNameZh("应急处置") == C::kEmergency);
  CHECK_FALSE(ControlClassFromNameZh("维护保养").has_value());
  CHECK_FALSE(ControlClassFromCode(6).has_value());
}

TEST_CASE("control measures: the MEM exchange classes and subclasses") {
  CHECK(MemControlClassNameZh(M::kEngineering) == "工程技术");
  CHECK(MemControlClassNameZh(M::kMaintenance) == "维护保养");
  CHECK(MemControlClassNameZh(M::kOperation) == "操作行为");
  CHECK(MemControlClassNameZh(M::kEmergency) == "应急措施");
  CHECK(MemControlClassFromCode(4) == M::kEmergency);
  CHECK_FALSE(MemControlClassFromCode(0).has_value());
  CHECK_FALSE(MemControlClassFromCode(5).has_value());

  auto subs = MemControlSubclasses();
  CHECK(subs.size() == 17);
  int per_class[5] = {};
  for (const MemControlSubclass& sub : subs) {
    // The code's prefix is its parent's code.
    CHECK(sub.code.substr(0, 1) == std::to_string(static_cast<int>(sub.parent)));
    ++per_class[static_cast<int>(sub.parent)];
  }
  CHECK(per_class[1] == 5);
  CHECK(per_class[2] == 3);
  CHECK(per_class[3] == 4);
  CHECK(per_class[4] == 5);
  CHECK(FindMemControlSubclass("4-2")->name_zh == "个体防护");
  CHECK(FindMemControlSubclass("1-4")->name_zh == "安全仪表");
  CHECK_FALSE(FindMemControlSubclass("5-1").has_value());
}

TEST_CASE("control measures: the documented mapping, both ways") {
  struct Export {
    C record;
    M classify1;
    const char* classify2;  // nullptr: left to the enterprise
  };
  const Export exports[] = {
      {C::kEngineering, M::kEngineering, nullptr},  {C::kManagement, M::kOperation, nullptr},
      {C::kTraining, M::kOperation, "3-1"},         {C::kPersonalProtection, M::kEmergency, "4-2"},
      {C::kEmergency, M::kEmergency, nullptr},
  };
  for (const Export& e : exports) {
    INFO(ControlClassNameZh(e.record));
    MemClassification mem = MemClassForRecord(e.record);
    CHECK(mem.classify1 == e.classify1);
    CHECK(mem.classify2.has_value() == (e.classify2 != nullptr));
    if (e.classify2) CHECK(*mem.classify2 == e.classify2);
    // Record → MEM → record is the identity.
    CHECK(RecordClassForMem(mem.classify1, mem.classify2.value_or("")).value() == e.record);
  }
  // Import of every subclass.
  struct Import {
    const char* classify2;
    C record;
  };
  const Import imports[] = {
      {"1-1", C::kEngineering}, {"1-2", C::kEngineering}, {"1-3", C::kEngineering}, {"1-4", C::kEngineering},
      {"1-5", C::kEngineering}, {"2-1", C::kManagement},  {"2-2", C::kManagement},  {"2-3", C::kManagement},
      {"3-1", C::kTraining},    {"3-2", C::kManagement},  {"3-3", C::kManagement},  {"3-4", C::kManagement},
      {"4-1", C::kEmergency},   {"4-2", C::kPersonalProtection}, {"4-3", C::kEmergency}, {"4-4", C::kEmergency},
      {"4-5", C::kEmergency},
  };
  for (const Import& i : imports) {
    INFO(i.classify2);
    auto sub = FindMemControlSubclass(i.classify2);
    REQUIRE(sub.has_value());
    CHECK(RecordClassForMem(sub->parent, i.classify2).value() == i.record);
  }
  CHECK(RecordClassForMem(M::kMaintenance).value() == C::kManagement);
  CHECK(RecordClassForMem(M::kEmergency).value() == C::kEmergency);
  auto mismatch = RecordClassForMem(M::kEngineering, "4-2");
  CHECK(mismatch.status().field() == "classify2");
  CHECK(mismatch.status().message() == "classify2 \"4-2\" is not a subclass of classify1 1 工程技术");
  CHECK(RecordClassForMem(M::kEngineering, "9-9").status().field() == "classify2");
  CHECK(RecordClassForMem(static_cast<M>(7)).status().field() == "classify1");
}

TEST_CASE("control measures: validation of a five-class set") {
  ControlMeasureSet set;
  CHECK(set.Empty());
  Status missing = ValidateControlMeasureSet(set, "existing_controls", true);
  CHECK(missing.field() == "existing_controls");
  CHECK(missing.message().find("or be marked none (无)") != std::string::npos);
  CHECK(ValidateControlMeasureSet(set, "proposed_measures", false).ok());

  set.none = true;
  CHECK(ValidateControlMeasureSet(set, "existing_controls", true).ok());
  set.Of(C::kPersonalProtection).push_back("佩戴防毒面具");
  CHECK(ValidateControlMeasureSet(set, "existing_controls", true).field() == "existing_controls.none");

  set.none = false;
  CHECK_FALSE(set.Empty());
  CHECK(set.by_class[3].size() == 1);  // index = code − 1
  CHECK(ValidateControlMeasureSet(set, "existing_controls", true).ok());

  set.Of(C::kManagement) = {"执行操作规程", "　"};
  Status blank = ValidateControlMeasureSet(set, "x", true);
  CHECK(blank.field() == "x.management[1]");
  CHECK(blank.message() == "x.management[1] (管理措施) is required");

  set.Of(C::kManagement) = {std::string(3 * 501, 'a')};
  CHECK(ValidateControlMeasureSet(set, "x", true).message().find("at most 500 characters") != std::string::npos);
  std::string chinese;
  for (int i = 0; i < 500; ++i) chinese += "字";  // 500 characters, 1500 bytes: allowed
  set.Of(C::kManagement) = {chinese};
  CHECK(ValidateControlMeasureSet(set, "x", true).ok());

  set.Of(C::kEngineering) = std::vector<std::string>(51, "联锁");
  CHECK(ValidateControlMeasureSet(set, "x", true).field() == "x.engineering");
}
