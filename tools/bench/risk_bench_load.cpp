// Bulk load of the risk benchmark's plant: COPY (pqxx::stream_to) into the risk schema, one transaction.
// The shape mirrors a large chemical plant: 1 company with 10 departments and 200 liable persons; one
// analysis object per 100 areas, each split into 5 一级 → 4 二级 → 5 三级 units (one 三级 unit per area);
// `points` risk points spread evenly over the areas, each with one risk event (every fifth with two) and
// two existing control measures per event (one automated, one checked by inspection).

#include <algorithm>
#include <cstdio>
#include <pqxx/pqxx>
#include <tuple>

#include "risk_bench.hpp"
#include "safeloop/core/uuid.hpp"

namespace safeloop::bench {
namespace {

std::string Name(const char* fmt, long n) {
  char text[64];
  std::snprintf(text, sizeof text, fmt, n);
  return text;
}

// An area's level from its index: 10 % 重大, 20 % 较大, 30 % 一般, 40 % 低.
int AreaLevel(int a) {
  int r = a % 10;
  return r == 0 ? 1 : r <= 2 ? 2 : r <= 5 ? 3 : 4;
}

}  // namespace

BenchPlant LoadPlant(const std::string& pg_url, const std::string& enterprise_id, const std::string& park_id,
                     int areas, int points) {
  const auto start = SteadyClock::now();
  BenchPlant plant;
  plant.enterprise_id = enterprise_id;
  plant.park_id = park_id;
  const std::string& e = enterprise_id;
  const std::string by = "bench";
  pqxx::connection conn(pg_url);
  pqxx::work tx(conn);
  std::int64_t rows = 0;

  // Directory: the company (its name heads the documents), departments, liable persons.
  const std::string company = NewUuidV7();
  {
    pqxx::stream_to s(tx, "risk.directory_unit", std::vector<std::string>{"id", "enterprise_id", "kind", "name", "active", "version"});
    s << std::make_tuple(company, e, std::string("company"), std::string(kBenchCompanyName), true, 1);
    s.complete();
  }
  std::vector<std::string> departments;
  {
    pqxx::stream_to s(tx, "risk.directory_unit",
                      std::vector<std::string>{"id", "enterprise_id", "parent_id", "kind", "name", "active", "version"});
    for (int d = 0; d < 10; ++d) {
      departments.push_back(NewUuidV7());
      s << std::make_tuple(departments.back(), e, company, std::string("department"), Name("生产%02ld部", d + 1), true, 1);
    }
    s.complete();
  }
  {
    pqxx::stream_to s(tx, "risk.directory_person",
                      std::vector<std::string>{"id", "enterprise_id", "name", "unit_id", "active", "version"});
    for (int i = 0; i < 200; ++i) {
      plant.person_ids.push_back(NewUuidV7());
      s << std::make_tuple(plant.person_ids.back(), e, Name("责任人%03ld", i + 1), departments[static_cast<std::size_t>(i % 10)], true, 1);
    }
    s.complete();
  }
  rows += 211;
  auto person = [&](long i) { return plant.person_ids[static_cast<std::size_t>(i % 200)]; };
  auto department = [&](long i) { return departments[static_cast<std::size_t>(i % 200 % 10)]; };

  // Objects and the three unit levels: 三级 unit j ↔ area j.
  const int objects = std::max(1, (areas + 99) / 100);
  const int level1 = std::max(1, (areas + 19) / 20), level2 = std::max(1, (areas + 4) / 5);
  std::vector<std::string> object_ids, l1_ids, l2_ids, l3_ids;
  {
    pqxx::stream_to s(tx, "risk.risk_object",
                      std::vector<std::string>{"id", "enterprise_id", "park_id", "name", "hazard_code", "department_id",
                                               "liable_person_id", "description", "level", "created_by", "updated_by"});
    for (int o = 0; o < objects; ++o) {
      object_ids.push_back(NewUuidV7());
      s << std::make_tuple(object_ids.back(), e, park_id, Name("基准装置区%03ld", o + 1), Name("BM%03ld", o + 1), department(o),
                           person(o), std::string("基准测试分析对象"), 1, by, by);
    }
    s.complete();
  }
  {
    pqxx::stream_to s(tx, "risk.risk_unit",
                      std::vector<std::string>{"id", "enterprise_id", "object_id", "depth", "seq", "name", "department_id",
                                               "liable_person_id", "level", "created_by", "updated_by"});
    for (int u = 0; u < level1; ++u) {
      l1_ids.push_back(NewUuidV7());
      s << std::make_tuple(l1_ids.back(), e, object_ids[static_cast<std::size_t>(u / 5)], 1, u % 5 + 1, Name("一级单元%04ld", u + 1),
                           department(u), person(u), 0, by, by);
    }
    s.complete();
  }
  std::vector<std::string> unit_cols = {"id", "enterprise_id", "object_id", "parent_id", "depth", "seq", "name",
                                        "department_id", "liable_person_id", "level", "created_by", "updated_by"};
  {
    pqxx::stream_to s(tx, "risk.risk_unit", unit_cols);
    for (int u = 0; u < level2; ++u) {
      l2_ids.push_back(NewUuidV7());
      s << std::make_tuple(l2_ids.back(), e, object_ids[static_cast<std::size_t>(u / 20)], l1_ids[static_cast<std::size_t>(u / 4)], 2,
                           u % 4 + 1, Name("二级单元%05ld", u + 1), department(u), person(u), 0, by, by);
    }
    s.complete();
  }
  {
    pqxx::stream_to s(tx, "risk.risk_unit", unit_cols);
    for (int u = 0; u < areas; ++u) {
      l3_ids.push_back(NewUuidV7());
      s << std::make_tuple(l3_ids.back(), e, object_ids[static_cast<std::size_t>(u / 100)], l2_ids[static_cast<std::size_t>(u / 5)], 3,
                           u % 5 + 1, Name("三级单元%05ld", u + 1), department(u), person(u), AreaLevel(u), by, by);
    }
    s.complete();
  }
  rows += objects + level1 + level2 + areas;
  plant.top_unit_ids = l1_ids;

  // One map, a grid of square areas of 100 px (50 per row).
  plant.map_id = NewUuidV7();
  const int cols = 50, grid_rows = (areas + cols - 1) / cols;
  {
    pqxx::stream_to s(tx, "risk.plant_map",
                      std::vector<std::string>{"id", "enterprise_id", "park_id", "name", "image_url", "width", "height"});
    s << std::make_tuple(plant.map_id, e, park_id, std::string("基准厂区平面图"), std::string("/images/demo-plant.svg"), cols * 100,
                         std::max(1, grid_rows) * 100);
    s.complete();
  }
  {
    pqxx::stream_to s(tx, "risk.area",
                      std::vector<std::string>{"id", "enterprise_id", "map_id", "name", "geom", "inherent_level",
                                               "dynamic_level", "level_version"});
    for (int a = 0; a < areas; ++a) {
      int x0 = (a % cols) * 100 + 10, y0 = (a / cols) * 100 + 10, x1 = x0 + 80, y1 = y0 + 80;
      char wkt[160];
      std::snprintf(wkt, sizeof wkt, "POLYGON((%d %d,%d %d,%d %d,%d %d,%d %d))", x0, y0, x1, y0, x1, y1, x0, y1, x0, y0);
      plant.area_ids.push_back(NewUuidV7());
      plant.area_levels.push_back(AreaLevel(a));
      s << std::make_tuple(plant.area_ids.back(), e, plant.map_id, Name("A%04ld", a + 1), std::string(wkt), AreaLevel(a),
                           AreaLevel(a), 0);
    }
    s.complete();
  }
  rows += 1 + areas;

  // Points: point p sits in area p % areas (and that area's 三级 unit); the area's first point carries the
  // area's level, the others the same or lower, so the area's inherent level is exactly AreaLevel(a).
  std::vector<std::string> point_ids;
  point_ids.reserve(static_cast<std::size_t>(points));
  {
    pqxx::stream_to s(tx, "risk.risk_point",
                      std::vector<std::string>{"id", "enterprise_id", "area_id", "name", "description", "level", "unit_id",
                                               "kind", "code", "location", "department_id", "liable_person_id",
                                               "accident_types", "accident_type_version", "control_tier"});
    for (long p = 0; p < points; ++p) {
      int a = static_cast<int>(p % areas);
      long k = p / areas;  // the point's rank within its area
      int base = AreaLevel(a);
      int level = k == 0 ? base : base + static_cast<int>(k % (5 - base));
      int tier = level == 1 ? 1 : level == 2 ? 2 : level == 3 ? 3 + static_cast<int>(k % 2) : 4 + static_cast<int>(k % 2);
      point_ids.push_back(NewUuidV7());
      s << std::make_tuple(point_ids.back(), e, plant.area_ids[static_cast<std::size_t>(a)], Name("风险点%06ld", p + 1),
                           std::string("基准测试风险点"), level, l3_ids[static_cast<std::size_t>(a)],
                           std::string(p % 3 == 0 ? "operation" : "equipment"), Name("RP%06ld", p + 1),
                           Name("%ld号平台", a + 1), department(p), person(p),
                           std::string(level <= 2 ? "{火灾,其他爆炸}" : "{机械伤害}"), std::string("GB/T 6441-1986"), tier);
    }
    s.complete();
  }
  rows += points;
  plant.points = points;

  std::vector<std::string> event_ids;
  {
    pqxx::stream_to s(tx, "risk.risk_event",
                      std::vector<std::string>{"id", "enterprise_id", "risk_point_id", "unit_id", "seq", "name", "step",
                                               "standard", "hazard", "consequence", "accident_types", "created_by",
                                               "updated_by"});
    for (long p = 0; p < points; ++p) {
      int n = p % 5 == 0 ? 2 : 1;
      for (int seq = 1; seq <= n; ++seq) {
        event_ids.push_back(NewUuidV7());
        s << std::make_tuple(event_ids.back(), e, point_ids[static_cast<std::size_t>(p)],
                             l3_ids[static_cast<std::size_t>(p % areas)], seq, Name(seq == 1 ? "介质泄漏%ld" : "超压运行%ld", p + 1),
                             std::string(p % 3 == 0 ? "投料" : ""), std::string("GB 30871-2022"),
                             std::string("法兰密封失效导致可燃介质泄漏"), std::string("遇点火源引发火灾爆炸"),
                             std::string("{火灾,其他爆炸}"), by, by);
      }
    }
    s.complete();
  }
  rows += static_cast<std::int64_t>(event_ids.size());
  plant.events = static_cast<std::int64_t>(event_ids.size());
  {
    pqxx::stream_to s(tx, "risk.control_measure",
                      std::vector<std::string>{"id", "enterprise_id", "risk_event_id", "ordinal", "measure_class",
                                               "classify1", "classify2", "mode", "description", "check_content",
                                               "proposed"});
    for (const auto& ev : event_ids) {
      s << std::make_tuple(NewUuidV7(), e, ev, 1, 1, 1, std::string("1"), 1, std::string("设置压力高高报警并联锁切断进料"),
                           std::string(""), false);
      s << std::make_tuple(NewUuidV7(), e, ev, 2, 2, 2, std::string("2"), 2, std::string("每班巡检法兰及密封点"),
                           std::string("法兰无泄漏，可燃气体报警器完好"), false);
    }
    s.complete();
  }
  plant.measures = 2 * static_cast<std::int64_t>(event_ids.size());
  rows += plant.measures;
  tx.commit();
  plant.rows = rows;
  plant.seconds = std::chrono::duration<double>(SteadyClock::now() - start).count();
  return plant;
}

std::pair<int, std::int64_t> RemoveBenchEnterprises(const std::string& pg_url, std::vector<std::string>* removed) {
  pqxx::connection conn(pg_url);
  pqxx::nontransaction tx(conn);
  std::string ids = "{";
  int count = 0;
  for (const auto& r : tx.exec_params("SELECT DISTINCT enterprise_id FROM risk.directory_unit WHERE kind = 'company' AND name = $1",
                                      std::string(kBenchCompanyName))) {
    ids += (count++ ? "," : "") + r[0].as<std::string>();
    if (removed) removed->push_back(r[0].as<std::string>());
  }
  ids += "}";
  std::int64_t rows = 0;
  if (count == 0) return {0, 0};
  // Children before parents, each DELETE committed on its own and the child VACUUMed before its parent goes:
  // several foreign keys have no index that leads with the referencing column (e.g. control_measure's
  // risk_event_id), so each parent row's check scans the child table, which must not still hold ~10^5 dead
  // rows. The company row goes last, so an interrupted clean-up is finished by the next run.
  for (const char* table : {"control_measure", "risk_event", "point_assessment", "lec_assessment", "risk_point",
                            "area_factor", "area", "plant_map", "risk_unit", "risk_object", "directory_person",
                            "map_version", "settings", "directory_unit"}) {
    rows += tx.exec_params(std::string("DELETE FROM risk.") + table + " WHERE enterprise_id = ANY($1::uuid[])", ids)
                .affected_rows();
    tx.exec0(std::string("VACUUM risk.") + table);
  }
  return {count, rows};
}

}  // namespace safeloop::bench
