#include "safeloop/iot_domain/registers.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <set>

namespace safeloop::iot {
namespace {

constexpr int kMaxAddress = 65535;
constexpr int kProtocolMaxRegisters = 125;
constexpr int kProtocolMaxBits = 2000;

// perm[i]: which byte of the value (0 = A, the most significant) travels at wire position i. Each of the
// four orders is its own inverse, so the same table decodes and encodes.
constexpr std::array<std::array<int, 4>, 4> kBytePerm{{
    {0, 1, 2, 3},  // ABCD
    {2, 3, 0, 1},  // CDAB
    {1, 0, 3, 2},  // BADC
    {3, 2, 1, 0},  // DCBA
}};

bool SwapsBytesInWord(WordOrder order) { return order == WordOrder::kBADC || order == WordOrder::kDCBA; }

std::uint32_t Bits32FromWire(std::uint16_t r0, std::uint16_t r1, WordOrder order) {
  const std::array<std::uint8_t, 4> wire{static_cast<std::uint8_t>(r0 >> 8), static_cast<std::uint8_t>(r0 & 0xFF),
                                         static_cast<std::uint8_t>(r1 >> 8), static_cast<std::uint8_t>(r1 & 0xFF)};
  const auto& perm = kBytePerm[static_cast<std::size_t>(order)];
  std::array<std::uint8_t, 4> value{};
  for (std::size_t i = 0; i < 4; ++i) value[static_cast<std::size_t>(perm[i])] = wire[i];
  return (std::uint32_t{value[0]} << 24) | (std::uint32_t{value[1]} << 16) | (std::uint32_t{value[2]} << 8) |
         std::uint32_t{value[3]};
}

std::uint16_t Bits16FromWire(std::uint16_t r0, WordOrder order) {
  if (!SwapsBytesInWord(order)) return r0;
  return static_cast<std::uint16_t>(((r0 & 0xFF) << 8) | (r0 >> 8));
}

std::string PointField(std::size_t index, const char* member) {
  return "points[" + std::to_string(index) + "]." + member;
}

std::string Describe(const RegisterMap& map, std::size_t index) {
  const RegisterPoint& p = map.points[index];
  return "points[" + std::to_string(index) + "] (" + p.point_id + ", " + std::string(RegisterTableCode(p.table)) +
         " " + std::to_string(p.address) + ")";
}

int MaxCount(RegisterTable table, const PlanOptions& options) {
  return IsBitTable(table) ? options.max_bits_per_request : options.max_registers_per_request;
}

int MaxGap(RegisterTable table, const PlanOptions& options) {
  return IsBitTable(table) ? options.max_bit_gap : options.max_register_gap;
}

constexpr std::array<RegisterTable, 4> kTables{RegisterTable::kHoldingRegister, RegisterTable::kInputRegister,
                                               RegisterTable::kCoil, RegisterTable::kDiscreteInput};

// Indices of the map's points in `table`, by address.
std::vector<std::size_t> PointsOfTable(const RegisterMap& map, RegisterTable table) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < map.points.size(); ++i) {
    if (map.points[i].table == table) out.push_back(i);
  }
  std::stable_sort(out.begin(), out.end(),
                   [&](std::size_t a, std::size_t b) { return map.points[a].address < map.points[b].address; });
  return out;
}

}  // namespace

std::string_view RegisterTableCode(RegisterTable table) {
  switch (table) {
    case RegisterTable::kHoldingRegister: return "holding";
    case RegisterTable::kInputRegister: return "input";
    case RegisterTable::kCoil: return "coil";
    case RegisterTable::kDiscreteInput: return "discrete_input";
  }
  return "";
}

std::optional<RegisterTable> ParseRegisterTable(std::string_view code) {
  for (RegisterTable t : kTables) {
    if (RegisterTableCode(t) == code) return t;
  }
  return std::nullopt;
}

bool IsBitTable(RegisterTable table) {
  return table == RegisterTable::kCoil || table == RegisterTable::kDiscreteInput;
}

std::string_view DataTypeCode(DataType type) {
  switch (type) {
    case DataType::kBool: return "bool";
    case DataType::kInt16: return "int16";
    case DataType::kUInt16: return "uint16";
    case DataType::kInt32: return "int32";
    case DataType::kUInt32: return "uint32";
    case DataType::kFloat32: return "float32";
  }
  return "";
}

std::optional<DataType> ParseDataType(std::string_view code) {
  for (DataType t : {DataType::kBool, DataType::kInt16, DataType::kUInt16, DataType::kInt32, DataType::kUInt32,
                     DataType::kFloat32}) {
    if (DataTypeCode(t) == code) return t;
  }
  return std::nullopt;
}

int RegisterWidth(DataType type) {
  switch (type) {
    case DataType::kInt32:
    case DataType::kUInt32:
    case DataType::kFloat32: return 2;
    default: return 1;
  }
}

std::string_view WordOrderCode(WordOrder order) {
  switch (order) {
    case WordOrder::kABCD: return "ABCD";
    case WordOrder::kCDAB: return "CDAB";
    case WordOrder::kBADC: return "BADC";
    case WordOrder::kDCBA: return "DCBA";
  }
  return "";
}

std::optional<WordOrder> ParseWordOrder(std::string_view code) {
  for (WordOrder o : {WordOrder::kABCD, WordOrder::kCDAB, WordOrder::kBADC, WordOrder::kDCBA}) {
    if (WordOrderCode(o) == code) return o;
  }
  return std::nullopt;
}

Status ValidatePlanOptions(const PlanOptions& options) {
  if (options.max_registers_per_request < 1 || options.max_registers_per_request > kProtocolMaxRegisters) {
    return InvalidArgument("a request reads 1 to 125 registers (Modbus function 03/04)",
                           "max_registers_per_request");
  }
  if (options.max_bits_per_request < 1 || options.max_bits_per_request > kProtocolMaxBits) {
    return InvalidArgument("a request reads 1 to 2000 bits (Modbus function 01/02)", "max_bits_per_request");
  }
  if (options.max_register_gap < 0) return InvalidArgument("the gap must be ≥ 0", "max_register_gap");
  if (options.max_bit_gap < 0) return InvalidArgument("the gap must be ≥ 0", "max_bit_gap");
  return Status::Ok();
}

Status ValidateRegisterMap(const RegisterMap& map, const PlanOptions& options) {
  SAFELOOP_RETURN_IF_ERROR(ValidatePlanOptions(options));
  if (map.device_id.empty()) return InvalidArgument("a device needs an id", "device_id");
  if (map.unit_id < 0 || map.unit_id > 255) return InvalidArgument("the unit id is 0..255", "unit_id");
  if (map.points.empty()) return InvalidArgument("a device needs at least one point", "points");

  std::set<std::string> ids;
  for (std::size_t i = 0; i < map.points.size(); ++i) {
    const RegisterPoint& p = map.points[i];
    if (p.point_id.empty()) return InvalidArgument("every point needs a point id", PointField(i, "point_id"));
    if (!ids.insert(p.point_id).second) {
      return InvalidArgument("point id '" + p.point_id + "' appears twice in the map", PointField(i, "point_id"));
    }
    const int width = RegisterWidth(p.type);
    if (p.address < 0 || p.address > kMaxAddress) {
      return InvalidArgument("the address must be 0..65535", PointField(i, "address"));
    }
    if (p.address + width - 1 > kMaxAddress) {
      return InvalidArgument("a " + std::string(DataTypeCode(p.type)) + " at " + std::to_string(p.address) +
                                 " runs past address 65535",
                             PointField(i, "address"));
    }
    if ((p.type == DataType::kBool) != IsBitTable(p.table)) {
      return InvalidArgument(IsBitTable(p.table) ? "coils and discrete inputs hold bool values"
                                                 : "bool values live in coils or discrete inputs",
                             PointField(i, "type"));
    }
    if (!std::isfinite(p.scale) || p.scale == 0) {
      return InvalidArgument("the scale must be a finite number other than 0", PointField(i, "scale"));
    }
    if (!std::isfinite(p.offset)) return InvalidArgument("the offset must be finite", PointField(i, "offset"));
    if (p.type == DataType::kBool && (p.scale != 1 || p.offset != 0)) {
      return InvalidArgument("a bool point is 0 or 1: scale 1 and offset 0", PointField(i, "scale"));
    }
    if (width > MaxCount(p.table, options)) {
      return InvalidArgument("a " + std::string(DataTypeCode(p.type)) +
                                 " needs 2 registers but a request may read only " +
                                 std::to_string(options.max_registers_per_request),
                             "max_registers_per_request");
    }
  }

  for (RegisterTable table : kTables) {
    const std::vector<std::size_t> order = PointsOfTable(map, table);
    for (std::size_t k = 1; k < order.size(); ++k) {
      const RegisterPoint& prev = map.points[order[k - 1]];
      const RegisterPoint& cur = map.points[order[k]];
      if (cur.address < prev.address + RegisterWidth(prev.type)) {
        // Name the later point in the map's own order: that is the one a user just added.
        const std::size_t later = std::max(order[k - 1], order[k]);
        const std::size_t earlier = std::min(order[k - 1], order[k]);
        return InvalidArgument(Describe(map, later) + " overlaps " + Describe(map, earlier),
                               PointField(later, "address"));
      }
    }
  }
  return Status::Ok();
}

Result<std::vector<ReadRequest>> PlanReads(const RegisterMap& map, const PlanOptions& options) {
  SAFELOOP_RETURN_IF_ERROR(ValidateRegisterMap(map, options));
  std::vector<ReadRequest> plan;
  for (RegisterTable table : kTables) {
    const std::vector<std::size_t> order = PointsOfTable(map, table);
    const int max_count = MaxCount(table, options);
    const int max_gap = MaxGap(table, options);
    ReadRequest current;
    int end = 0;  // one past the last register of `current`
    for (std::size_t index : order) {
      const RegisterPoint& p = map.points[index];
      const int p_end = p.address + RegisterWidth(p.type);
      if (!current.points.empty() && p.address - end <= max_gap && p_end - current.start <= max_count) {
        current.points.push_back(index);
        end = p_end;
        current.count = end - current.start;
        continue;
      }
      if (!current.points.empty()) plan.push_back(std::move(current));
      current = ReadRequest{table, p.address, p_end - p.address, {index}};
      end = p_end;
    }
    if (!current.points.empty()) plan.push_back(std::move(current));
  }
  return plan;
}

Result<double> DecodeRaw(std::span<const std::uint16_t> registers, DataType type, WordOrder order) {
  if (type == DataType::kBool) return InvalidArgument("bool values are bits, not registers", "type");
  if (registers.size() < static_cast<std::size_t>(RegisterWidth(type))) {
    return InvalidArgument("a " + std::string(DataTypeCode(type)) + " needs " +
                               std::to_string(RegisterWidth(type)) + " registers",
                           "registers");
  }
  switch (type) {
    case DataType::kInt16: return static_cast<double>(static_cast<std::int16_t>(Bits16FromWire(registers[0], order)));
    case DataType::kUInt16: return static_cast<double>(Bits16FromWire(registers[0], order));
    case DataType::kInt32:
      return static_cast<double>(static_cast<std::int32_t>(Bits32FromWire(registers[0], registers[1], order)));
    case DataType::kUInt32: return static_cast<double>(Bits32FromWire(registers[0], registers[1], order));
    case DataType::kFloat32:
      return static_cast<double>(std::bit_cast<float>(Bits32FromWire(registers[0], registers[1], order)));
    case DataType::kBool: break;
  }
  return InvalidArgument("unknown data type", "type");
}

double ApplyScale(double raw, double scale, double offset) { return raw * scale + offset; }

RegisterWords EncodeBits32(std::uint32_t bits, WordOrder order) {
  const std::array<std::uint8_t, 4> value{static_cast<std::uint8_t>(bits >> 24), static_cast<std::uint8_t>(bits >> 16),
                                          static_cast<std::uint8_t>(bits >> 8), static_cast<std::uint8_t>(bits)};
  const auto& perm = kBytePerm[static_cast<std::size_t>(order)];
  std::array<std::uint8_t, 4> wire{};
  for (std::size_t i = 0; i < 4; ++i) wire[i] = value[static_cast<std::size_t>(perm[i])];
  return {static_cast<std::uint16_t>((wire[0] << 8) | wire[1]), static_cast<std::uint16_t>((wire[2] << 8) | wire[3])};
}

Result<RegisterWords> EncodeValue(double value, const RegisterPoint& point) {
  if (point.type == DataType::kBool) {
    if (std::isnan(value)) return InvalidArgument("a bool value cannot be NaN", "value");
    return RegisterWords{static_cast<std::uint16_t>(value != 0 ? 1 : 0), 0};
  }
  const double raw = (value - point.offset) / point.scale;
  if (point.type == DataType::kFloat32) {
    return EncodeBits32(std::bit_cast<std::uint32_t>(static_cast<float>(raw)), point.word_order);
  }
  if (!std::isfinite(raw)) {
    return InvalidArgument("a " + std::string(DataTypeCode(point.type)) + " register cannot hold a non-finite value",
                           "value");
  }
  const double rounded = std::nearbyint(raw);
  auto out_of_range = [&](double lo, double hi) -> std::optional<Status> {
    if (rounded < lo || rounded > hi) {
      return InvalidArgument("raw value " + std::to_string(rounded) + " does not fit a " +
                                 std::string(DataTypeCode(point.type)),
                             "value");
    }
    return std::nullopt;
  };
  auto swap16 = [&](std::uint16_t w) {
    return SwapsBytesInWord(point.word_order) ? static_cast<std::uint16_t>(((w & 0xFF) << 8) | (w >> 8)) : w;
  };
  switch (point.type) {
    case DataType::kInt16:
      if (auto e = out_of_range(-32768, 32767)) return *e;
      return RegisterWords{swap16(static_cast<std::uint16_t>(static_cast<std::int16_t>(rounded))), 0};
    case DataType::kUInt16:
      if (auto e = out_of_range(0, 65535)) return *e;
      return RegisterWords{swap16(static_cast<std::uint16_t>(rounded)), 0};
    case DataType::kInt32:
      if (auto e = out_of_range(-2147483648.0, 2147483647.0)) return *e;
      return EncodeBits32(static_cast<std::uint32_t>(static_cast<std::int32_t>(rounded)), point.word_order);
    case DataType::kUInt32:
      if (auto e = out_of_range(0, 4294967295.0)) return *e;
      return EncodeBits32(static_cast<std::uint32_t>(rounded), point.word_order);
    default: break;
  }
  return InvalidArgument("unknown data type", "type");
}

std::vector<DecodedPoint> DecodeRegisterResponse(const RegisterMap& map, const ReadRequest& request,
                                                 std::span<const std::uint16_t> registers) {
  std::vector<DecodedPoint> out;
  out.reserve(request.points.size());
  for (std::size_t index : request.points) {
    DecodedPoint d;
    d.point = index;
    if (index >= map.points.size()) {
      out.push_back(d);
      continue;
    }
    const RegisterPoint& p = map.points[index];
    const long offset = static_cast<long>(p.address) - request.start;
    const long width = RegisterWidth(p.type);
    if (offset >= 0 && offset + width <= static_cast<long>(registers.size()) && p.type != DataType::kBool) {
      Result<double> raw = DecodeRaw(registers.subspan(static_cast<std::size_t>(offset)), p.type, p.word_order);
      if (raw.ok()) {
        d.present = true;
        d.raw = *raw;
        d.value = ApplyScale(d.raw, p.scale, p.offset);
      }
    }
    out.push_back(d);
  }
  return out;
}

std::vector<DecodedPoint> DecodeBitResponse(const RegisterMap& map, const ReadRequest& request,
                                            std::span<const std::uint8_t> bits) {
  std::vector<DecodedPoint> out;
  out.reserve(request.points.size());
  for (std::size_t index : request.points) {
    DecodedPoint d;
    d.point = index;
    if (index < map.points.size()) {
      const RegisterPoint& p = map.points[index];
      const long offset = static_cast<long>(p.address) - request.start;
      if (offset >= 0 && offset < static_cast<long>(bits.size()) && p.type == DataType::kBool) {
        d.present = true;
        d.raw = bits[static_cast<std::size_t>(offset)] != 0 ? 1 : 0;
        d.value = d.raw;
      }
    }
    out.push_back(d);
  }
  return out;
}

}  // namespace safeloop::iot
