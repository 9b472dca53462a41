#pragma once
/// @file lifecycle.hpp
/// One alarm (a point and a condition) through the ISA-18.2 states of standards.md §4.2, as a pure state
/// machine over plain data. Every accepted change returns the new Alarm and one AlarmEvent (§4.9) that the
/// service writes with it (same transaction, outbox). Refused operator actions return FAILED_PRECONDITION
/// (wrong state) or INVALID_ARGUMENT (missing user, reason, expiry, handling result …) and change nothing.
///
/// The displayed state is derived from orthogonal facts, like OPC UA A&C: out of service (G) hides
/// everything, then suppressed by design (F), then shelved (E); otherwise the condition and the
/// acknowledgement give A–D:
///
///   condition  acknowledged  →  state
///   inactive   yes              A normal
///   active     no               B unacknowledged
///   active     yes              C acknowledged
///   inactive   no               D returned to normal, unacknowledged
///   (latching alarms: after the condition clears they stay in B/C until an operator reset; see Reset)
///
/// Transitions (§4.2 table; anything else is refused):
///
///   A --condition active-------------> B        B --acknowledge-------------> C
///   B --condition clears-------------> D        C --condition clears---------> A  (latching: stays C)
///   D --acknowledge------------------> A        D --condition returns--------> B  (same alarm record)
///   C --re-alarm time runs out (opt.)-> B        C(latched, clear) --reset----> A
///   A,B,C,D --shelve (reason, expiry ≤ max)--> E
///   E --unshelve / expiry--------------------> A or B by the current condition
///   any --suppression logic true-------------> F;   F --logic false--> E if still shelved, else A or B
///   any --remove from service (authorised)---> G;   G --return to service--> F, E, A or B as above
///   any --comment----------------------------> same state (audit only)
///   A (open record), D --close with handling record--> A
///
/// Leaving E, F or G goes to "A or B by the current condition": an active condition comes back
/// unacknowledged (the operator has not seen it), an inactive one comes back normal.
///
/// Alarm records and closing (the Cangzhou rule "解除报警必须填写处理结果": an alarm cannot be closed without
/// a handling result). An alarm *record* opens when the alarm is first annunciated and stays open, across
/// re-activations of the same point and condition, until someone closes it with a handling record. So a
/// chattering point re-triggers one open record (activations counted) instead of flooding the list with
/// new ones; the next activation after closing opens a new record. Closing is allowed only once the
/// condition has returned to normal and the alarm is visible (A with an open record, or D); closing from D
/// also acknowledges it. Closing while the condition is active (B, C) is refused: the handling result must
/// describe a finished episode. Closing while shelved, suppressed or out of service is refused: bring the
/// alarm back first.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "safeloop/alarm_domain/evaluation.hpp"
#include "safeloop/alarm_domain/types.hpp"
#include "safeloop/core/clock.hpp"
#include "safeloop/core/status.hpp"

namespace safeloop::alarm {

/// The ISA-18.2 states A–G.
enum class AlarmState {
  kNormal,                  ///< A 正常
  kUnacknowledged,          ///< B 报警未确认
  kAcknowledged,            ///< C 报警已确认
  kReturnedUnacknowledged,  ///< D 恢复未确认
  kShelved,                 ///< E 搁置
  kSuppressed,              ///< F 设计抑制
  kOutOfService,            ///< G 停用
};
/// 'A' … 'G'
char AlarmStateLetter(AlarmState state);
/// "normal" | "unacknowledged" | "acknowledged" | "returned_unacknowledged" | "shelved" | "suppressed" |
/// "out_of_service"
std::string_view AlarmStateCode(AlarmState state);
std::optional<AlarmState> ParseAlarmState(std::string_view code);
/// 正常 | 报警未确认 | 报警已确认 | 恢复未确认 | 搁置 | 设计抑制 | 停用
std::string_view AlarmStateNameZh(AlarmState state);
/// B, C and D are shown to the operator; A, E, F and G are not.
bool ShownToOperator(AlarmState state);

/// What an alarm is (from the point configuration; the service refreshes it when the config changes).
struct AlarmDefinition {
  std::string point_id;
  std::string tag;
  AlarmCondition condition = AlarmCondition::kHigh;
  Priority priority = Priority::kMedium;
  std::string console;  ///< operator position
  std::string area;
  std::optional<double> setpoint;
  double deadband = 0;
  bool interlock = false;
  std::string linked_interlock_id;
  bool latching = false;  ///< stays in B/C after the condition clears until an operator reset
  /// Re-alarm: an acknowledged alarm still active after this long goes back to B (§4.6, optional).
  std::optional<std::chrono::seconds> re_alarm_after;
  bool highly_managed = false;  ///< shelving needs an authoriser (§4.7)

  friend bool operator==(const AlarmDefinition&, const AlarmDefinition&) = default;
};

/// The handling result that closes an alarm record (处理结果).
struct HandlingRecord {
  std::string result;      ///< what was found and done; required
  std::string handled_by;  ///< user id; required
  std::string cause;       ///< optional
  std::string linked_hazard_id;  ///< optional: the 隐患 drafted from this alarm

  friend bool operator==(const HandlingRecord&, const HandlingRecord&) = default;
};

/// One alarm record (报警记录): from the first annunciation until closed with a handling record.
struct AlarmRecord {
  std::int64_t seq = 0;  ///< 1, 2, … per alarm; 0 = never annunciated
  bool open = false;
  int activations = 0;  ///< annunciations while this record was open
  std::optional<TimePoint> first_active_at;
  std::optional<TimePoint> last_active_at;
  std::optional<double> value_at_activation;
  std::optional<TimePoint> acknowledged_at;  ///< the latest acknowledgement
  std::string acknowledged_by;
  std::optional<TimePoint> returned_at;  ///< condition back to normal (cleared on re-activation)
  std::optional<TimePoint> reset_at;     ///< latch reset
  std::optional<TimePoint> closed_at;
  std::optional<HandlingRecord> handling;

  friend bool operator==(const AlarmRecord&, const AlarmRecord&) = default;
};

struct Shelving {
  std::string user;
  std::string reason;
  std::string authorised_by;  ///< required for highly managed alarms
  TimePoint since{};
  TimePoint until{};

  friend bool operator==(const Shelving&, const Shelving&) = default;
};

struct Suppression {
  std::string reason;  ///< the plant-state logic that suppresses it
  TimePoint since{};

  friend bool operator==(const Suppression&, const Suppression&) = default;
};

struct OutOfService {
  std::string user;
  std::string authorised_by;  ///< required (§4.7)
  std::string reason;         ///< required
  std::string record_id;      ///< the out-of-service / MOC record, optional
  TimePoint since{};

  friend bool operator==(const OutOfService&, const OutOfService&) = default;
};

/// The stored state of one alarm.
struct Alarm {
  AlarmDefinition definition;
  bool condition_active = false;
  bool acknowledged = true;
  bool latched = false;  ///< latching alarm whose condition cleared, waiting for a reset
  std::optional<double> last_value;  ///< the value of the latest condition change
  std::optional<Shelving> shelving;
  std::optional<Suppression> suppression;
  std::optional<OutOfService> out_of_service;
  AlarmRecord record;
  std::int64_t version = 0;  ///< +1 per event: the aggregate version of the event envelope

  friend bool operator==(const Alarm&, const Alarm&) = default;
};
/// A new alarm in A with no record.
Alarm NewAlarm(AlarmDefinition definition);
/// The ISA state (see the precedence above).
AlarmState StateOf(const Alarm& alarm);

enum class EventKind {
  kActivated,           ///< the condition became active
  kCleared,             ///< the condition returned to normal
  kAcknowledged,
  kReAlarmed,
  kReset,               ///< latch reset
  kShelved,
  kUnshelved,           ///< by an operator
  kShelveExpired,
  kSuppressed,
  kUnsuppressed,
  kRemovedFromService,
  kReturnedToService,
  kCommented,
  kClosed,              ///< record closed with a handling record
};
/// "activated" | "cleared" | "acknowledged" | "re_alarmed" | "reset" | "shelved" | "unshelved" |
/// "shelve_expired" | "suppressed" | "unsuppressed" | "removed_from_service" | "returned_to_service" |
/// "commented" | "closed"
std::string_view EventKindCode(EventKind kind);

/// The audit and KPI record of one transition (§4.9): what happened, the state before and after, who and
/// why, and a copy of the alarm's identity and record after it. Shelving, suppression and out-of-service
/// data are those in force after the transition or, when it ended one, the one it ended (who shelved,
/// why, until when).
struct AlarmEvent {
  EventKind kind = EventKind::kCommented;
  AlarmState from = AlarmState::kNormal;
  AlarmState to = AlarmState::kNormal;
  TimePoint at{};
  std::string user;  ///< the operator; empty for system transitions
  std::string text;  ///< reason, comment or handling result
  /// A new annunciation: the alarm now shows an active condition the operator has not seen (into B by an
  /// activation, or back from E/F/G with the condition active). Alarm-rate KPIs count these; re-alarms and
  /// hidden activations do not count.
  bool annunciated = false;
  std::optional<double> value;
  std::int64_t version = 0;
  AlarmDefinition alarm;
  AlarmRecord record;
  std::optional<Shelving> shelving;
  std::optional<Suppression> suppression;
  std::optional<OutOfService> out_of_service;
};

/// An accepted change.
struct Transition {
  Alarm alarm;
  AlarmEvent event;
};

/// Applies a change from the evaluator (evaluation.hpp). nullopt when it changes nothing: another
/// condition, or the condition already in that state (a redelivered change never duplicates an alarm).
/// While E, F or G the condition is recorded (event not annunciated) but the state stays.
std::optional<Transition> ApplyConditionChange(const Alarm& alarm, const ConditionChange& change);

/// B → C, D → A. FAILED_PRECONDITION in any other state.
Result<Transition> Acknowledge(const Alarm& alarm, std::string_view user, TimePoint at);

/// Latching alarms: C with the condition cleared → A. FAILED_PRECONDITION otherwise (acknowledge first).
Result<Transition> Reset(const Alarm& alarm, std::string_view user, TimePoint at);

struct ShelvePolicy {
  std::chrono::seconds max_shelve_time{8 * 3600};  ///< [P] one shift; configurable per tenant
};
struct ShelveRequest {
  std::string user;
  std::string reason;
  std::string authorised_by;
  TimePoint until{};
};
/// A, B, C, D → E. INVALID_ARGUMENT without user or reason, when `until` is not after `at` or more than the
/// policy's maximum after it, or without an authoriser for a highly managed alarm.
Result<Transition> Shelve(const Alarm& alarm, const ShelveRequest& request, const ShelvePolicy& policy,
                          TimePoint at);
/// E → A or B. FAILED_PRECONDITION when not shelved (or hidden by F/G).
Result<Transition> Unshelve(const Alarm& alarm, std::string_view user, TimePoint at);

/// Any state; the state does not change. INVALID_ARGUMENT without user or text.
Result<Transition> Comment(const Alarm& alarm, std::string_view user, std::string_view text, TimePoint at);

struct OutOfServiceRequest {
  std::string user;
  std::string authorised_by;
  std::string reason;
  std::string record_id;
};
/// Any state but G → G. INVALID_ARGUMENT without user, authoriser or reason.
Result<Transition> RemoveFromService(const Alarm& alarm, const OutOfServiceRequest& request, TimePoint at);
/// G → F, E, A or B. FAILED_PRECONDITION when not out of service.
Result<Transition> ReturnToService(const Alarm& alarm, std::string_view user, TimePoint at);

/// Closes the open record with a handling record (see the file comment): A with an open record → A,
/// D → A (acknowledged by the handler). INVALID_ARGUMENT without result or handler ("handling.result",
/// "handling.handled_by"); FAILED_PRECONDITION in any other state or without an open record.
Result<Transition> Close(const Alarm& alarm, const HandlingRecord& handling, TimePoint at);

/// Design suppression logic (plant state) turned on or off. nullopt when nothing changes.
std::optional<Transition> ApplySuppression(const Alarm& alarm, bool suppressed, std::string_view reason,
                                           TimePoint at);

/// Timers at `now`: a shelve that ran out (E → A or B), else a due re-alarm (C → B). nullopt when nothing
/// is due. At most one is due at a time, so one call per tick is enough.
std::optional<Transition> TickAlarm(const Alarm& alarm, TimePoint now);

}  // namespace safeloop::alarm
