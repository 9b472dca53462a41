#include "safeloop/core/uuid.hpp"

#include <mutex>
#include <random>

namespace safeloop {
namespace {

// Per-process state so ids stay monotonic across threads within one millisecond.
struct V7State {
  std::mutex mutex;
  std::int64_t last_ms = -1;
  std::uint16_t counter = 0;  // 12 bits used (rand_a)
  std::mt19937_64 rng{std::random_device{}()};
};

V7State& State() {
  static V7State state;
  return state;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string NewUuidV7() { return NewUuidV7(SystemClock{}); }

std::string NewUuidV7(const Clock& clock) {
  std::array<std::uint8_t, 16> b{};
  std::int64_t ms = UnixMillis(clock.Now());
  std::uint64_t random_tail = 0;
  std::uint16_t counter = 0;
  {
    auto& s = State();
    std::lock_guard lock(s.mutex);
    if (ms <= s.last_ms) {
      ms = s.last_ms;  // clock went back or same ms: keep order with the counter
      if (++s.counter > 0x0FFF) {
        ++ms;  // counter exhausted: borrow the next millisecond
        s.counter = 0;
      }
    } else {
      s.counter = static_cast<std::uint16_t>(s.rng() & 0x01FF);  // random start, room to count up
    }
    s.last_ms = ms;
    counter = s.counter;
    random_tail = s.rng();
  }
  for (int i = 0; i < 6; ++i) b[i] = static_cast<std::uint8_t>((ms >> (8 * (5 - i))) & 0xFF);
  b[6] = static_cast<std::uint8_t>(0x70 | ((counter >> 8) & 0x0F));
  b[7] = static_cast<std::uint8_t>(counter & 0xFF);
  for (int i = 8; i < 16; ++i) b[i] = static_cast<std::uint8_t>((random_tail >> (8 * (15 - i))) & 0xFF);
  b[8] = static_cast<std::uint8_t>(0x80 | (b[8] & 0x3F));  // RFC variant 10xx

  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(36);
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
    out.push_back(kHex[b[i] >> 4]);
    out.push_back(kHex[b[i] & 0x0F]);
  }
  return out;
}

bool IsUuid(std::string_view text) {
  if (text.size() != 36) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (text[i] != '-') return false;
    } else if (HexValue(text[i]) < 0) {
      return false;
    }
  }
  return true;
}

std::optional<int> UuidVersion(std::string_view text) {
  if (!IsUuid(text)) return std::nullopt;
  return HexValue(text[14]);
}

std::optional<std::int64_t> UuidV7Millis(std::string_view text) {
  if (UuidVersion(text) != 7) return std::nullopt;
  std::int64_t ms = 0;
  for (std::size_t i = 0; i < 13; ++i) {
    if (text[i] == '-') continue;
    ms = (ms << 4) | HexValue(text[i]);
  }
  return ms;
}

}  // namespace safeloop
