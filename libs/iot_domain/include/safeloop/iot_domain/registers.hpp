#pragma once
/// @file registers.hpp
/// Modbus register maps as data: which table and address holds a point, how its bits become a number
/// (data type, word order, scale and offset), the checks of a map, and the read plan that fetches a
/// device's points in as few requests as the protocol allows.
///
/// Word orders name the four bytes of a 32-bit value, A the most significant, in the order they travel on
/// the wire (register n high byte, register n low byte, register n+1 high byte, register n+1 low byte):
///   ABCD big-endian (Modbus' own order), CDAB word-swapped (common on PLCs), BADC byte-swapped,
///   DCBA little-endian.
/// A 16-bit value has only the bytes A and B: ABCD and CDAB keep them, BADC and DCBA swap them.

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "safeloop/core/status.hpp"

namespace safeloop::iot {

/// The four Modbus data tables.
enum class RegisterTable {
  kHoldingRegister,  ///< 4xxxx, function 03, 16-bit read/write
  kInputRegister,    ///< 3xxxx, function 04, 16-bit read-only
  kCoil,             ///< 0xxxx, function 01, 1-bit read/write
  kDiscreteInput,    ///< 1xxxx, function 02, 1-bit read-only
};
/// "holding" | "input" | "coil" | "discrete_input"
std::string_view RegisterTableCode(RegisterTable table);
std::optional<RegisterTable> ParseRegisterTable(std::string_view code);
/// Whether the table holds bits (coils, discrete inputs) rather than 16-bit registers.
bool IsBitTable(RegisterTable table);

enum class DataType { kBool, kInt16, kUInt16, kInt32, kUInt32, kFloat32 };
/// "bool" | "int16" | "uint16" | "int32" | "uint32" | "float32"
std::string_view DataTypeCode(DataType type);
std::optional<DataType> ParseDataType(std::string_view code);
/// Registers (or bits, for bool) one value occupies: 1, or 2 for the 32-bit types.
int RegisterWidth(DataType type);

enum class WordOrder { kABCD, kCDAB, kBADC, kDCBA };
/// "ABCD" | "CDAB" | "BADC" | "DCBA"
std::string_view WordOrderCode(WordOrder order);
std::optional<WordOrder> ParseWordOrder(std::string_view code);

/// Where one point lives on a device and how to read it. value = raw × scale + offset.
struct RegisterPoint {
  std::string point_id;
  RegisterTable table = RegisterTable::kHoldingRegister;
  int address = 0;  ///< 0-based protocol address (register 40001 is holding address 0)
  DataType type = DataType::kUInt16;
  WordOrder word_order = WordOrder::kABCD;
  double scale = 1;
  double offset = 0;

  friend bool operator==(const RegisterPoint&, const RegisterPoint&) = default;
};

/// The points of one device (one Modbus unit behind one TCP endpoint).
struct RegisterMap {
  std::string device_id;
  int unit_id = 1;  ///< Modbus unit identifier, 0..255 (TCP gateways route on it; plain devices ignore it)
  std::vector<RegisterPoint> points;

  friend bool operator==(const RegisterMap&, const RegisterMap&) = default;
};

/// Limits of one read request and how far apart two points may be and still share one.
struct PlanOptions {
  int max_registers_per_request = 125;  ///< protocol maximum 125 (function 03/04)
  int max_bits_per_request = 2000;      ///< protocol maximum 2000 (function 01/02)
  /// Unused registers a request may span to join two points (reading a few extra registers is cheaper
  /// than another round trip; some devices refuse addresses they do not implement, so keep it small).
  int max_register_gap = 8;
  int max_bit_gap = 64;  ///< the same for coils and discrete inputs

  friend bool operator==(const PlanOptions&, const PlanOptions&) = default;
};

/// Checks the options; INVALID_ARGUMENT naming the field ("max_registers_per_request", …):
/// 1 ≤ max registers ≤ 125, 1 ≤ max bits ≤ 2000, gaps ≥ 0.
Status ValidatePlanOptions(const PlanOptions& options);

/// Checks a map against the protocol; INVALID_ARGUMENT naming the field ("points[3].address", …):
///   - device_id not empty; unit_id 0..255; at least one point;
///   - every point: a non-empty point_id unique in the map; address 0..65535 with the whole value inside
///     (a 32-bit value at 65535 does not fit); bool exactly on coils and discrete inputs; scale finite and
///     not 0, offset finite; bool points keep scale 1 and offset 0;
///   - no two points of one table share a register or bit;
///   - every value fits in one request of `options` (a 32-bit value needs max_registers_per_request ≥ 2).
Status ValidateRegisterMap(const RegisterMap& map, const PlanOptions& options = {});

/// One read request of a plan: a contiguous block of one table and the points it carries.
struct ReadRequest {
  RegisterTable table = RegisterTable::kHoldingRegister;
  int start = 0;
  int count = 0;                    ///< registers, or bits for the bit tables
  std::vector<std::size_t> points;  ///< indices into RegisterMap::points, by address

  friend bool operator==(const ReadRequest&, const ReadRequest&) = default;
};

/// Validates the map, then groups each table's points, by address, into as few requests as possible:
/// a point joins the current request when the unused span before it is ≤ the table's max gap and the
/// request stays within the table's max count (greedy in address order, which is optimal for these two
/// monotone limits). Requests come by table (holding, input, coil, discrete input), then by address.
Result<std::vector<ReadRequest>> PlanReads(const RegisterMap& map, const PlanOptions& options = {});

/// The raw (unscaled) value in `registers` (at least RegisterWidth(type) of them, in wire order).
/// Integer types are exact; float32 may be NaN or ±inf (the reading validation decides about those).
/// INVALID_ARGUMENT for kBool (bits are not registers) or too few registers.
Result<double> DecodeRaw(std::span<const std::uint16_t> registers, DataType type, WordOrder order);

/// raw × scale + offset.
double ApplyScale(double raw, double scale, double offset);

/// Up to two registers, wire order; only the first RegisterWidth(type) are meaningful.
using RegisterWords = std::array<std::uint16_t, 2>;

/// The inverse of DecodeRaw ∘ ApplyScale, for simulators and writes: the engineering value becomes
/// raw = (value − offset) / scale, rounded to the nearest integer for integer types, then registers.
/// INVALID_ARGUMENT ("value") when the value is not finite for an integer type or its raw value does not
/// fit the type; float32 carries any value (NaN and ±inf included).
Result<RegisterWords> EncodeValue(double value, const RegisterPoint& point);

/// The raw 32-bit pattern `bits` laid out in `order` (e.g. a float's bit pattern 0x7FC00000 for NaN).
RegisterWords EncodeBits32(std::uint32_t bits, WordOrder order);

/// One point of a decoded response.
struct DecodedPoint {
  std::size_t point = 0;  ///< index into RegisterMap::points
  bool present = false;   ///< false when the response did not cover the point (short response)
  double raw = 0;         ///< before scaling (0/1 for bits)
  double value = 0;       ///< raw × scale + offset

  friend bool operator==(const DecodedPoint&, const DecodedPoint&) = default;
};

/// Decodes the registers of a register-table request (`registers[0]` is the request's start address).
/// Points the response does not fully cover come back with present = false, never an error.
std::vector<DecodedPoint> DecodeRegisterResponse(const RegisterMap& map, const ReadRequest& request,
                                                 std::span<const std::uint16_t> registers);

/// Decodes the bits of a coil/discrete-input request, one byte per bit (0 or not 0) as libmodbus returns
/// them; the same coverage rule.
std::vector<DecodedPoint> DecodeBitResponse(const RegisterMap& map, const ReadRequest& request,
                                            std::span<const std::uint8_t> bits);

}  // namespace safeloop::iot
