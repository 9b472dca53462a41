#include <catch2/catch.hpp>

#include "safeloop/personnel_domain/lockout.hpp"

using namespace safeloop;
using namespace safeloop::personnel_domain;
using namespace std::chrono_literals;

namespace {
const TimePoint t0 = FromUnixMillis(1'800'000'000'000);
}

TEST_CASE("lockout: each failure below the threshold only counts") {
  LockoutPolicy policy{3, 600s};
  LockoutState s;
  for (int i = 1; i < 3; ++i) {
    auto out = AfterFailure(s, policy, t0 + i * 1s);
    CHECK_FALSE(out.locked_now);
    CHECK(out.state.failed_logins == i);
    CHECK_FALSE(out.state.locked_until.has_value());
    CHECK_FALSE(IsLocked(out.state, t0 + i * 1s));
    s = out.state;
  }
  SECTION("the threshold-th failure locks for the duration and resets the counter") {
    auto out = AfterFailure(s, policy, t0 + 10s);
    CHECK(out.locked_now);
    CHECK(out.state == LockoutState{0, t0 + 10s + 600s});
    CHECK(IsLocked(out.state, t0 + 10s));
    CHECK(IsLocked(out.state, t0 + 609s));
    CHECK_FALSE(IsLocked(out.state, t0 + 610s));  // the lock ends exactly at locked_until
  }
  SECTION("a success in between resets the count") {
    s = AfterSuccess();
    CHECK(s == LockoutState{});
    auto out = AfterFailure(s, policy, t0 + 10s);
    CHECK_FALSE(out.locked_now);
    CHECK(out.state.failed_logins == 1);
  }
}

TEST_CASE("lockout: attempts during a lock change nothing and do not extend it") {
  LockoutPolicy policy{2, 60s};
  LockoutState locked{0, t0 + 60s};
  for (auto at : {t0, t0 + 1s, t0 + 59s}) {
    auto out = AfterFailure(locked, policy, at);
    CHECK_FALSE(out.locked_now);
    CHECK(out.state == locked);
  }
}

TEST_CASE("lockout: an expired lock is forgotten and counting starts again") {
  LockoutPolicy policy{2, 60s};
  LockoutState expired{0, t0 + 60s};
  CHECK(Normalize(expired, t0 + 59s) == expired);
  CHECK(Normalize(expired, t0 + 60s) == LockoutState{});
  auto first = AfterFailure(expired, policy, t0 + 61s);
  CHECK_FALSE(first.locked_now);
  CHECK(first.state == LockoutState{1, std::nullopt});
  auto second = AfterFailure(first.state, policy, t0 + 62s);
  CHECK(second.locked_now);
  CHECK(second.state == LockoutState{0, t0 + 62s + 60s});
}

TEST_CASE("lockout: a threshold of one locks at the first failure; nonsense thresholds act as one") {
  for (int threshold : {1, 0, -3}) {
    INFO(threshold);
    auto out = AfterFailure(LockoutState{}, LockoutPolicy{threshold, 5s}, t0);
    CHECK(out.locked_now);
    CHECK(out.state.locked_until == t0 + 5s);
  }
}

TEST_CASE("lockout: exhaustive walk over counts and times for threshold 4") {
  // From every reachable (count, lock) state and every attempt time relative to the lock, the outcome
  // follows the table in lockout.hpp.
  LockoutPolicy policy{4, 100s};
  for (int count = 0; count < 4; ++count) {
    for (bool has_lock : {false, true}) {
      for (auto offset : {-1s, 0s, 1s}) {
        LockoutState s{has_lock ? 0 : count, has_lock ? std::optional<TimePoint>(t0 + 100s) : std::nullopt};
        TimePoint now = t0 + 100s + offset;
        INFO("count " << count << " lock " << has_lock << " offset " << offset.count());
        auto out = AfterFailure(s, policy, now);
        if (has_lock && offset < 0s) {
          CHECK(out.state == s);
          CHECK_FALSE(out.locked_now);
        } else {
          int before = has_lock ? 0 : count;
          bool locks = before + 1 >= 4;
          CHECK(out.locked_now == locks);
          if (locks) {
            CHECK(out.state == LockoutState{0, now + 100s});
          } else {
            CHECK(out.state == LockoutState{before + 1, std::nullopt});
          }
        }
        CHECK(AfterSuccess() == LockoutState{});
      }
    }
  }
}
