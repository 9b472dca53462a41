#include <catch2/catch.hpp>

#include <bit>
#include <cmath>
#include <functional>
#include <limits>

#include "safeloop/iot_domain/registers.hpp"

using namespace safeloop;
using namespace safeloop::iot;

namespace {

constexpr std::array<WordOrder, 4> kOrders{WordOrder::kABCD, WordOrder::kCDAB, WordOrder::kBADC, WordOrder::kDCBA};

RegisterPoint P(std::string id, RegisterTable table, int address, DataType type,
                WordOrder order = WordOrder::kABCD, double scale = 1, double offset = 0) {
  return RegisterPoint{std::move(id), table, address, type, order, scale, offset};
}

RegisterMap Map(std::vector<RegisterPoint> points) { return RegisterMap{"plc-1", 1, std::move(points)}; }

}  // namespace

TEST_CASE("registers: codes parse back, unknown codes are refused") {
  for (auto t : {RegisterTable::kHoldingRegister, RegisterTable::kInputRegister, RegisterTable::kCoil,
                 RegisterTable::kDiscreteInput}) {
    CHECK(ParseRegisterTable(RegisterTableCode(t)) == t);
  }
  for (auto t : {DataType::kBool, DataType::kInt16, DataType::kUInt16, DataType::kInt32, DataType::kUInt32,
                 DataType::kFloat32}) {
    CHECK(ParseDataType(DataTypeCode(t)) == t);
  }
  for (auto o : kOrders) CHECK(ParseWordOrder(WordOrderCode(o)) == o);
  CHECK_FALSE(ParseRegisterTable("holding_register").has_value());
  CHECK_FALSE(ParseDataType("float").has_value());
  CHECK_FALSE(ParseWordOrder("abcd").has_value());
  CHECK(IsBitTable(RegisterTable::kCoil));
  CHECK(IsBitTable(RegisterTable::kDiscreteInput));
  CHECK_FALSE(IsBitTable(RegisterTable::kInputRegister));
  CHECK(RegisterWidth(DataType::kFloat32) == 2);
  CHECK(RegisterWidth(DataType::kUInt16) == 1);
  CHECK(RegisterWidth(DataType::kBool) == 1);
}

TEST_CASE("registers: every data type in every word order decodes from its wire registers") {
  struct Row {
    DataType type;
    WordOrder order;
    std::vector<std::uint16_t> regs;
    double expected;
  };
  const std::vector<Row> rows{
      // 16-bit: the word swap does nothing, the byte swap swaps the two bytes.
      {DataType::kUInt16, WordOrder::kABCD, {0x1234}, 0x1234},
      {DataType::kUInt16, WordOrder::kCDAB, {0x1234}, 0x1234},
      {DataType::kUInt16, WordOrder::kBADC, {0x3412}, 0x1234},
      {DataType::kUInt16, WordOrder::kDCBA, {0x3412}, 0x1234},
      {DataType::kUInt16, WordOrder::kABCD, {0xFFFE}, 65534},
      {DataType::kInt16, WordOrder::kABCD, {0xFFFE}, -2},
      {DataType::kInt16, WordOrder::kCDAB, {0xFFFE}, -2},
      {DataType::kInt16, WordOrder::kBADC, {0xFEFF}, -2},
      {DataType::kInt16, WordOrder::kDCBA, {0xFEFF}, -2},
      {DataType::kInt16, WordOrder::kABCD, {0x8000}, -32768},
      {DataType::kInt16, WordOrder::kBADC, {0x0080}, -32768},
      {DataType::kInt16, WordOrder::kABCD, {0x7FFF}, 32767},
      // 32-bit: bytes A B C D = 12 34 56 78.
      {DataType::kUInt32, WordOrder::kABCD, {0x1234, 0x5678}, 0x12345678},
      {DataType::kUInt32, WordOrder::kCDAB, {0x5678, 0x1234}, 0x12345678},
      {DataType::kUInt32, WordOrder::kBADC, {0x3412, 0x7856}, 0x12345678},
      {DataType::kUInt32, WordOrder::kDCBA, {0x7856, 0x3412}, 0x12345678},
      {DataType::kUInt32, WordOrder::kABCD, {0xFFFF, 0xFFFE}, 4294967294.0},
      {DataType::kInt32, WordOrder::kABCD, {0x1234, 0x5678}, 0x12345678},
      {DataType::kInt32, WordOrder::kCDAB, {0x5678, 0x1234}, 0x12345678},
      {DataType::kInt32, WordOrder::kBADC, {0x3412, 0x7856}, 0x12345678},
      {DataType::kInt32, WordOrder::kDCBA, {0x7856, 0x3412}, 0x12345678},
      {DataType::kInt32, WordOrder::kABCD, {0xFFFF, 0xFFFE}, -2},
      {DataType::kInt32, WordOrder::kCDAB, {0xFFFE, 0xFFFF}, -2},
      {DataType::kInt32, WordOrder::kBADC, {0xFFFF, 0xFEFF}, -2},
      {DataType::kInt32, WordOrder::kDCBA, {0xFEFF, 0xFFFF}, -2},
      {DataType::kInt32, WordOrder::kABCD, {0x8000, 0x0000}, -2147483648.0},
      {DataType::kInt32, WordOrder::kDCBA, {0x0000, 0x0080}, -2147483648.0},
      // float32 -12.5 = 0xC1480000, 1.0 = 0x3F800000.
      {DataType::kFloat32, WordOrder::kABCD, {0xC148, 0x0000}, -12.5},
      {DataType::kFloat32, WordOrder::kCDAB, {0x0000, 0xC148}, -12.5},
      {DataType::kFloat32, WordOrder::kBADC, {0x48C1, 0x0000}, -12.5},
      {DataType::kFloat32, WordOrder::kDCBA, {0x0000, 0x48C1}, -12.5},
      {DataType::kFloat32, WordOrder::kABCD, {0x3F80, 0x0000}, 1.0},
      {DataType::kFloat32, WordOrder::kCDAB, {0x0000, 0x3F80}, 1.0},
      {DataType::kFloat32, WordOrder::kBADC, {0x803F, 0x0000}, 1.0},
      {DataType::kFloat32, WordOrder::kDCBA, {0x0000, 0x803F}, 1.0},
      {DataType::kFloat32, WordOrder::kABCD, {0x0000, 0x0000}, 0.0},
      // 123.456f = 0x42F6E979: a value with all four bytes distinct.
      {DataType::kFloat32, WordOrder::kABCD, {0x42F6, 0xE979}, static_cast<double>(123.456f)},
      {DataType::kFloat32, WordOrder::kCDAB, {0xE979, 0x42F6}, static_cast<double>(123.456f)},
      {DataType::kFloat32, WordOrder::kBADC, {0xF642, 0x79E9}, static_cast<double>(123.456f)},
      {DataType::kFloat32, WordOrder::kDCBA, {0x79E9, 0xF642}, static_cast<double>(123.456f)},
  };
  for (const Row& r : rows) {
    INFO(DataTypeCode(r.type) << " " << WordOrderCode(r.order) << " expected " << r.expected);
    Result<double> got = DecodeRaw(r.regs, r.type, r.order);
    REQUIRE(got.ok());
    CHECK(*got == r.expected);
  }
}

TEST_CASE("registers: float32 NaN and infinity patterns decode as such in every word order") {
  struct Row {
    std::uint32_t bits;
    const char* what;
    std::function<bool(double)> check;
  };
  const std::vector<Row> rows{
      {0x7FC00000u, "quiet NaN", [](double v) { return std::isnan(v); }},
      {0xFFC00000u, "negative quiet NaN", [](double v) { return std::isnan(v); }},
      {0x7F800001u, "signalling NaN", [](double v) { return std::isnan(v); }},
      {0x7FFFFFFFu, "NaN with all payload bits", [](double v) { return std::isnan(v); }},
      {0x7F800000u, "+inf", [](double v) { return std::isinf(v) && v > 0; }},
      {0xFF800000u, "-inf", [](double v) { return std::isinf(v) && v < 0; }},
      {0x00000001u, "smallest subnormal", [](double v) { return v > 0 && v < 1e-44; }},
      {0x80000000u, "negative zero", [](double v) { return v == 0 && std::signbit(v); }},
  };
  for (const Row& r : rows) {
    for (WordOrder o : kOrders) {
      INFO(r.what << " " << WordOrderCode(o));
      const RegisterWords w = EncodeBits32(r.bits, o);
      Result<double> got = DecodeRaw(w, DataType::kFloat32, o);
      REQUIRE(got.ok());
      CHECK(r.check(*got));
    }
  }
  // The same NaN pattern read in the wrong order is a finite number: the order matters.
  const RegisterWords nan_cdab = EncodeBits32(0x7FC00000u, WordOrder::kCDAB);
  CHECK(std::isfinite(*DecodeRaw(nan_cdab, DataType::kFloat32, WordOrder::kABCD)));
}

TEST_CASE("registers: decoding refuses bool and too few registers") {
  const std::vector<std::uint16_t> one{1};
  CHECK(DecodeRaw(one, DataType::kFloat32, WordOrder::kABCD).status().field() == "registers");
  CHECK(DecodeRaw(one, DataType::kInt32, WordOrder::kABCD).status().code() == StatusCode::kInvalidArgument);
  CHECK(DecodeRaw({}, DataType::kUInt16, WordOrder::kABCD).status().field() == "registers");
  CHECK(DecodeRaw(one, DataType::kBool, WordOrder::kABCD).status().field() == "type");
}

TEST_CASE("registers: scale and offset, and encoding is the inverse of decoding") {
  CHECK(ApplyScale(-125, 0.1, -50) == Approx(-62.5));
  CHECK(ApplyScale(4000, 0.025, 0) == Approx(100.0));
  CHECK(ApplyScale(7, 1, 0) == 7);

  struct Row {
    DataType type;
    double scale, offset, value;
  };
  const std::vector<Row> rows{
      {DataType::kInt16, 0.1, 0, -12.3},       {DataType::kInt16, 1, 0, -32768},
      {DataType::kUInt16, 0.01, 0, 655.35},    {DataType::kUInt16, 0.1, -50, -50},
      {DataType::kInt32, 0.001, 0, -123456.789}, {DataType::kUInt32, 0.001, 0, 4294967.295},
      {DataType::kFloat32, 1, 0, -12.5},       {DataType::kFloat32, 2, 10, 1234.5},
  };
  for (const Row& r : rows) {
    for (WordOrder o : kOrders) {
      INFO(DataTypeCode(r.type) << " " << WordOrderCode(o) << " value " << r.value);
      const RegisterPoint p = P("X", RegisterTable::kHoldingRegister, 0, r.type, o, r.scale, r.offset);
      Result<RegisterWords> w = EncodeValue(r.value, p);
      REQUIRE(w.ok());
      Result<double> raw = DecodeRaw(*w, r.type, o);
      REQUIRE(raw.ok());
      CHECK(ApplyScale(*raw, r.scale, r.offset) == Approx(r.value).margin(r.scale / 2));
    }
  }
}

TEST_CASE("registers: encoding refuses what a register cannot hold") {
  const RegisterPoint i16 = P("X", RegisterTable::kHoldingRegister, 0, DataType::kInt16, WordOrder::kABCD, 0.1);
  CHECK(EncodeValue(3276.7, i16).ok());
  CHECK(EncodeValue(3276.8, i16).status().field() == "value");
  CHECK(EncodeValue(-3276.9, i16).status().field() == "value");
  CHECK(EncodeValue(std::nan(""), i16).status().field() == "value");
  const RegisterPoint u16 = P("X", RegisterTable::kHoldingRegister, 0, DataType::kUInt16);
  CHECK(EncodeValue(-1, u16).status().field() == "value");
  CHECK(EncodeValue(65536, u16).status().field() == "value");
  const RegisterPoint f32 = P("X", RegisterTable::kHoldingRegister, 0, DataType::kFloat32);
  Result<RegisterWords> nan = EncodeValue(std::nan(""), f32);
  REQUIRE(nan.ok());
  CHECK(std::isnan(*DecodeRaw(*nan, DataType::kFloat32, WordOrder::kABCD)));
  const RegisterPoint coil = P("X", RegisterTable::kCoil, 0, DataType::kBool);
  CHECK((*EncodeValue(1, coil))[0] == 1);
  CHECK((*EncodeValue(0, coil))[0] == 0);
}

TEST_CASE("registers: a well-formed map with every table and type is valid") {
  const RegisterMap map = Map({
      P("LT-101", RegisterTable::kHoldingRegister, 0, DataType::kUInt16, WordOrder::kABCD, 0.01),
      P("TT-101", RegisterTable::kHoldingRegister, 1, DataType::kInt16, WordOrder::kABCD, 0.1),
      P("PT-101", RegisterTable::kHoldingRegister, 2, DataType::kFloat32, WordOrder::kCDAB),
      P("FT-101", RegisterTable::kInputRegister, 2, DataType::kUInt32, WordOrder::kDCBA),
      P("XS-101", RegisterTable::kCoil, 0, DataType::kBool),
      P("XS-102", RegisterTable::kDiscreteInput, 0, DataType::kBool),
      P("TOP", RegisterTable::kHoldingRegister, 65534, DataType::kInt32),
      P("LAST", RegisterTable::kInputRegister, 65535, DataType::kUInt16),
  });
  CHECK(ValidateRegisterMap(map).ok());
}

TEST_CASE("registers: map errors name the offending field") {
  struct Row {
    const char* what;
    std::function<void(RegisterMap&)> mutate;
    const char* field;
  };
  auto base = [] {
    return Map({P("A", RegisterTable::kHoldingRegister, 10, DataType::kUInt16),
                P("B", RegisterTable::kHoldingRegister, 11, DataType::kFloat32),
                P("C", RegisterTable::kCoil, 3, DataType::kBool)});
  };
  const std::vector<Row> rows{
      {"no device id", [](auto& m) { m.device_id.clear(); }, "device_id"},
      {"unit id negative", [](auto& m) { m.unit_id = -1; }, "unit_id"},
      {"unit id above 255", [](auto& m) { m.unit_id = 256; }, "unit_id"},
      {"no points", [](auto& m) { m.points.clear(); }, "points"},
      {"empty point id", [](auto& m) { m.points[1].point_id.clear(); }, "points[1].point_id"},
      {"duplicate point id", [](auto& m) { m.points[2].point_id = "A"; }, "points[2].point_id"},
      {"negative address", [](auto& m) { m.points[0].address = -1; }, "points[0].address"},
      {"address above 65535", [](auto& m) { m.points[2].address = 65536; }, "points[2].address"},
      {"float32 past the end", [](auto& m) { m.points[1].address = 65535; }, "points[1].address"},
      {"bool in a register", [](auto& m) { m.points[0].type = DataType::kBool; }, "points[0].type"},
      {"number in a coil", [](auto& m) { m.points[2].type = DataType::kUInt16; }, "points[2].type"},
      {"zero scale", [](auto& m) { m.points[0].scale = 0; }, "points[0].scale"},
      {"NaN scale", [](auto& m) { m.points[0].scale = std::nan(""); }, "points[0].scale"},
      {"infinite offset", [](auto& m) { m.points[1].offset = INFINITY; }, "points[1].offset"},
      {"scaled bool", [](auto& m) { m.points[2].scale = 2; }, "points[2].scale"},
      {"overlap: float32 under a uint16", [](auto& m) { m.points[0].address = 12; }, "points[1].address"},
      {"overlap: same address", [](auto& m) { m.points[1].address = 10; }, "points[1].address"},
      {"overlap: same coil", [](auto& m) {
         m.points.push_back(P("D", RegisterTable::kCoil, 3, DataType::kBool));
       }, "points[3].address"},
  };
  for (const Row& r : rows) {
    INFO(r.what);
    RegisterMap m = base();
    r.mutate(m);
    Status s = ValidateRegisterMap(m);
    CHECK(s.code() == StatusCode::kInvalidArgument);
    CHECK(s.field() == r.field);
  }
  // The same address in different tables is no overlap.
  RegisterMap m = base();
  m.points.push_back(P("D", RegisterTable::kInputRegister, 10, DataType::kUInt16));
  m.points.push_back(P("E", RegisterTable::kDiscreteInput, 3, DataType::kBool));
  CHECK(ValidateRegisterMap(m).ok());
}

TEST_CASE("registers: plan options are checked against the protocol limits") {
  struct Row {
    std::function<void(PlanOptions&)> mutate;
    const char* field;
  };
  for (const Row& r : std::vector<Row>{
           {[](auto& o) { o.max_registers_per_request = 126; }, "max_registers_per_request"},
           {[](auto& o) { o.max_registers_per_request = 0; }, "max_registers_per_request"},
           {[](auto& o) { o.max_bits_per_request = 2001; }, "max_bits_per_request"},
           {[](auto& o) { o.max_bits_per_request = 0; }, "max_bits_per_request"},
           {[](auto& o) { o.max_register_gap = -1; }, "max_register_gap"},
           {[](auto& o) { o.max_bit_gap = -1; }, "max_bit_gap"},
       }) {
    PlanOptions o;
    r.mutate(o);
    CHECK(ValidatePlanOptions(o).field() == r.field);
  }
  CHECK(ValidatePlanOptions({}).ok());
  // A 32-bit value cannot be read with one-register requests.
  PlanOptions one;
  one.max_registers_per_request = 1;
  const RegisterMap map = Map({P("F", RegisterTable::kHoldingRegister, 0, DataType::kFloat32)});
  CHECK(ValidateRegisterMap(map, one).field() == "max_registers_per_request");
  CHECK(PlanReads(map, one).status().field() == "max_registers_per_request");
}

TEST_CASE("registers: the plan groups contiguous addresses into as few requests as the limits allow") {
  auto uint16_run = [](RegisterTable table, int first, int n, const std::string& prefix) {
    std::vector<RegisterPoint> out;
    for (int i = 0; i < n; ++i) {
      out.push_back(P(prefix + std::to_string(i), table, first + i,
                      IsBitTable(table) ? DataType::kBool : DataType::kUInt16));
    }
    return out;
  };

  SECTION("one contiguous block is one request") {
    auto plan = PlanReads(Map(uint16_run(RegisterTable::kHoldingRegister, 100, 10, "P")));
    REQUIRE(plan.ok());
    REQUIRE(plan->size() == 1);
    CHECK((*plan)[0].start == 100);
    CHECK((*plan)[0].count == 10);
    CHECK((*plan)[0].points.size() == 10);
  }
  SECTION("a gap within max_register_gap is read through, a wider one splits") {
    const RegisterMap map = Map({P("A", RegisterTable::kHoldingRegister, 0, DataType::kUInt16),
                                 P("B", RegisterTable::kHoldingRegister, 9, DataType::kFloat32),
                                 P("C", RegisterTable::kHoldingRegister, 30, DataType::kUInt16)});
    PlanOptions o;
    o.max_register_gap = 8;  // 1..8 unused between A and B: joined; 11..29 before C: split
    auto plan = PlanReads(map, o);
    REQUIRE(plan.ok());
    REQUIRE(plan->size() == 2);
    CHECK((*plan)[0] == ReadRequest{RegisterTable::kHoldingRegister, 0, 11, {0, 1}});
    CHECK((*plan)[1] == ReadRequest{RegisterTable::kHoldingRegister, 30, 1, {2}});
    o.max_register_gap = 7;
    CHECK(PlanReads(map, o)->size() == 3);
    o.max_register_gap = 19;
    plan = PlanReads(map, o);
    REQUIRE(plan->size() == 1);
    CHECK((*plan)[0].count == 31);
    o.max_register_gap = 0;
    CHECK(PlanReads(map, o)->size() == 3);
  }
  SECTION("the request size limit splits a long block (125 registers, 2000 bits)") {
    auto plan = PlanReads(Map(uint16_run(RegisterTable::kInputRegister, 0, 130, "R")));
    REQUIRE(plan->size() == 2);
    CHECK((*plan)[0].count == 125);
    CHECK((*plan)[1].start == 125);
    CHECK((*plan)[1].count == 5);
    auto bits = PlanReads(Map(uint16_run(RegisterTable::kCoil, 0, 2100, "C")));
    REQUIRE(bits->size() == 2);
    CHECK((*bits)[0].count == 2000);
    CHECK((*bits)[1].count == 100);
  }
  SECTION("a 32-bit value never straddles two requests") {
    std::vector<RegisterPoint> floats;
    for (int i = 0; i < 63; ++i) {
      floats.push_back(P("F" + std::to_string(i), RegisterTable::kHoldingRegister, 2 * i, DataType::kFloat32));
    }
    auto plan = PlanReads(Map(floats));
    REQUIRE(plan->size() == 2);
    CHECK((*plan)[0].count == 124);  // 62 floats; the 63rd would make 126
    CHECK((*plan)[1] == ReadRequest{RegisterTable::kHoldingRegister, 124, 2, {62}});
  }
  SECTION("smaller configured limits are honoured") {
    PlanOptions o;
    o.max_registers_per_request = 4;
    auto plan = PlanReads(Map(uint16_run(RegisterTable::kHoldingRegister, 0, 10, "P")), o);
    REQUIRE(plan->size() == 3);
    CHECK((*plan)[2].count == 2);
    o.max_bits_per_request = 3;
    CHECK(PlanReads(Map(uint16_run(RegisterTable::kDiscreteInput, 0, 7, "D")), o)->size() == 3);
  }
  SECTION("tables are planned separately, in table order, points by address whatever the map order") {
    const RegisterMap map = Map({P("DI", RegisterTable::kDiscreteInput, 0, DataType::kBool),
                                 P("IR", RegisterTable::kInputRegister, 5, DataType::kUInt16),
                                 P("H2", RegisterTable::kHoldingRegister, 6, DataType::kUInt16),
                                 P("CO", RegisterTable::kCoil, 0, DataType::kBool),
                                 P("H1", RegisterTable::kHoldingRegister, 5, DataType::kUInt16)});
    auto plan = PlanReads(map);
    REQUIRE(plan.ok());
    REQUIRE(plan->size() == 4);
    CHECK((*plan)[0] == ReadRequest{RegisterTable::kHoldingRegister, 5, 2, {4, 2}});
    CHECK((*plan)[1] == ReadRequest{RegisterTable::kInputRegister, 5, 1, {1}});
    CHECK((*plan)[2] == ReadRequest{RegisterTable::kCoil, 0, 1, {3}});
    CHECK((*plan)[3] == ReadRequest{RegisterTable::kDiscreteInput, 0, 1, {0}});
  }
  SECTION("an invalid map gives no plan") {
    CHECK(PlanReads(Map({})).status().field() == "points");
  }
}

TEST_CASE("registers: responses decode per point; a short response leaves the uncovered points absent") {
  const RegisterMap map = Map({P("LT", RegisterTable::kHoldingRegister, 0, DataType::kUInt16, WordOrder::kABCD, 0.01),
                               P("TT", RegisterTable::kHoldingRegister, 1, DataType::kInt16, WordOrder::kABCD, 0.1),
                               P("PT", RegisterTable::kHoldingRegister, 2, DataType::kFloat32, WordOrder::kCDAB)});
  auto plan = PlanReads(map);
  REQUIRE(plan->size() == 1);
  const std::vector<std::uint16_t> full{5000, 0xFF85 /* -123 */, 0x0000, 0xC148 /* -12.5 CDAB */};
  auto decoded = DecodeRegisterResponse(map, (*plan)[0], full);
  REQUIRE(decoded.size() == 3);
  CHECK(decoded[0].present);
  CHECK(decoded[0].value == Approx(50.0));
  CHECK(decoded[1].raw == -123);
  CHECK(decoded[1].value == Approx(-12.3));
  CHECK(decoded[2].value == -12.5);

  const std::vector<std::uint16_t> shorter{5000, 0xFF85, 0x0000};  // the float lost its second half
  decoded = DecodeRegisterResponse(map, (*plan)[0], shorter);
  CHECK(decoded[0].present);
  CHECK(decoded[1].present);
  CHECK_FALSE(decoded[2].present);
  decoded = DecodeRegisterResponse(map, (*plan)[0], {});
  for (const auto& d : decoded) CHECK_FALSE(d.present);

  const RegisterMap bits = Map({P("A", RegisterTable::kCoil, 10, DataType::kBool),
                                P("B", RegisterTable::kCoil, 12, DataType::kBool)});
  auto bit_plan = PlanReads(bits);
  REQUIRE(bit_plan->size() == 1);
  const std::vector<std::uint8_t> resp{1, 0, 0};
  auto d = DecodeBitResponse(bits, (*bit_plan)[0], resp);
  CHECK(d[0].present);
  CHECK(d[0].value == 1);
  CHECK(d[1].present);
  CHECK(d[1].value == 0);
  const std::vector<std::uint8_t> short_bits{1, 0};
  d = DecodeBitResponse(bits, (*bit_plan)[0], short_bits);
  CHECK(d[0].present);
  CHECK_FALSE(d[1].present);
}
