#include "safeloop/alarm_domain/lifecycle.hpp"

#include <array>
#include <string>

namespace safeloop::alarm {
namespace {

constexpr std::array<AlarmState, 7> kAllStates{AlarmState::kNormal,          AlarmState::kUnacknowledged,
                                                AlarmState::kAcknowledged,    AlarmState::kReturnedUnacknowledged,
                                                AlarmState::kShelved,         AlarmState::kSuppressed,
                                                AlarmState::kOutOfService};

bool Hidden(const Alarm& a) {
  return a.out_of_service.has_value() || a.suppression.has_value() || a.shelving.has_value();
}

bool Blank(std::string_view s) { return s.find_first_not_of(" \t\r\n") == std::string_view::npos; }

std::string Describe(AlarmState s) {
  return std::string(1, AlarmStateLetter(s)) + " (" + std::string(AlarmStateCode(s)) + ")";
}

/// The alarm is annunciated at `at`: the open record counts it, or a new record opens.
void Annunciate(Alarm& a, TimePoint at) {
  if (!a.record.open) {
    AlarmRecord next;
    next.seq = a.record.seq + 1;
    next.open = true;
    next.first_active_at = at;
    next.value_at_activation = a.last_value;
    a.record = next;
  }
  a.record.activations += 1;
  a.record.last_active_at = at;
  a.record.returned_at.reset();
}

/// Leaving E, F and G ends in "A or B by the current condition". Returns whether that annunciated it.
bool RevealIfNowVisible(const Alarm& before, Alarm& after, TimePoint at) {
  if (!Hidden(before) || Hidden(after)) return false;
  after.latched = false;
  after.acknowledged = !after.condition_active;
  if (!after.condition_active) return false;
  Annunciate(after, at);
  return true;
}

Transition Finish(const Alarm& before, Alarm after, EventKind kind, TimePoint at, std::string_view user,
                  std::string_view text, bool annunciated, std::optional<double> value = std::nullopt) {
  after.version = before.version + 1;
  AlarmEvent e;
  e.kind = kind;
  e.from = StateOf(before);
  e.to = StateOf(after);
  e.at = at;
  e.user = std::string(user);
  e.text = std::string(text);
  e.annunciated = annunciated;
  e.value = value;
  e.version = after.version;
  e.alarm = after.definition;
  e.record = after.record;
  e.shelving = after.shelving ? after.shelving : before.shelving;
  e.suppression = after.suppression ? after.suppression : before.suppression;
  e.out_of_service = after.out_of_service ? after.out_of_service : before.out_of_service;
  return Transition{std::move(after), std::move(e)};
}

Status NeedUser(std::string_view user) {
  if (Blank(user)) return InvalidArgument("the acting user is required", "user");
  return Status::Ok();
}

}  // namespace

char AlarmStateLetter(AlarmState state) { return static_cast<char>('A' + static_cast<int>(state)); }

std::string_view AlarmStateCode(AlarmState state) {
  switch (state) {
    case AlarmState::kNormal: return "normal";
    case AlarmState::kUnacknowledged: return "unacknowledged";
    case AlarmState::kAcknowledged: return "acknowledged";
    case AlarmState::kReturnedUnacknowledged: return "returned_unacknowledged";
    case AlarmState::kShelved: return "shelved";
    case AlarmState::kSuppressed: return "suppressed";
    case AlarmState::kOutOfService: return "out_of_service";
  }
  return "";
}

std::optional<AlarmState> ParseAlarmState(std::string_view code) {
  for (AlarmState s : kAllStates) {
    if (AlarmStateCode(s) == code) return s;
  }
  return std::nullopt;
}

std::string_view AlarmStateNameZh(AlarmState state) {
  switch (state) {
    case AlarmState::kNormal: return "正常";
    case AlarmState::kUnacknowledged: return "报警未确认";
    case AlarmState::kAcknowledged: return "报警已确认";
    case AlarmState::kReturnedUnacknowledged: return "恢复未确认";
    case AlarmState::kShelved: return "搁置";
    case AlarmState::kSuppressed: return "设计抑制";
    case AlarmState::kOutOfService: return "停用";
  }
  return "";
}

bool ShownToOperator(AlarmState state) {
  return state == AlarmState::kUnacknowledged || state == AlarmState::kAcknowledged ||
         state == AlarmState::kReturnedUnacknowledged;
}

std::string_view EventKindCode(EventKind kind) {
  switch (kind) {
    case EventKind::kActivated: return "activated";
    case EventKind::kCleared: return "cleared";
    case EventKind::kAcknowledged: return "acknowledged";
    case EventKind::kReAlarmed: return "re_alarmed";
    case EventKind::kReset: return "reset";
    case EventKind::kShelved: return "shelved";
    case EventKind::kUnshelved: return "unshelved";
    case EventKind::kShelveExpired: return "shelve_expired";
    case EventKind::kSuppressed: return "suppressed";
    case EventKind::kUnsuppressed: return "unsuppressed";
    case EventKind::kRemovedFromService: return "removed_from_service";
    case EventKind::kReturnedToService: return "returned_to_service";
    case EventKind::kCommented: return "commented";
    case EventKind::kClosed: return "closed";
  }
  return "";
}

Alarm NewAlarm(AlarmDefinition definition) {
  Alarm alarm;
  alarm.definition = std::move(definition);
  return alarm;
}

AlarmState StateOf(const Alarm& alarm) {
  if (alarm.out_of_service.has_value()) return AlarmState::kOutOfService;
  if (alarm.suppression.has_value()) return AlarmState::kSuppressed;
  if (alarm.shelving.has_value()) return AlarmState::kShelved;
  if (alarm.condition_active || alarm.latched) {
    return alarm.acknowledged ? AlarmState::kAcknowledged : AlarmState::kUnacknowledged;
  }
  return alarm.acknowledged ? AlarmState::kNormal : AlarmState::kReturnedUnacknowledged;
}

std::optional<Transition> ApplyConditionChange(const Alarm& alarm, const ConditionChange& change) {
  if (change.condition != alarm.definition.condition) return std::nullopt;
  if (change.active == alarm.condition_active) return std::nullopt;
  Alarm after = alarm;
  after.condition_active = change.active;
  if (change.value.has_value()) after.last_value = change.value;
  const EventKind kind = change.active ? EventKind::kActivated : EventKind::kCleared;
  if (!change.active && after.record.open) after.record.returned_at = change.at;
  if (Hidden(alarm)) {
    // Recorded for the audit trail; the operator sees it when the alarm comes back (A or B).
    return Finish(alarm, std::move(after), kind, change.at, "", "", false, change.value);
  }
  if (change.active) {
    // A → B, D → B (same record), and a latched B/C whose condition returns → B.
    after.acknowledged = false;
    after.latched = false;
    Annunciate(after, change.at);
    return Finish(alarm, std::move(after), kind, change.at, "", "", true, change.value);
  }
  // B → D and C → A; a latching alarm keeps its B or C until reset.
  if (alarm.definition.latching) after.latched = true;
  return Finish(alarm, std::move(after), kind, change.at, "", "", false, change.value);
}

Result<Transition> Acknowledge(const Alarm& alarm, std::string_view user, TimePoint at) {
  SAFELOOP_RETURN_IF_ERROR(NeedUser(user));
  const AlarmState s = StateOf(alarm);
  if (s != AlarmState::kUnacknowledged && s != AlarmState::kReturnedUnacknowledged) {
    return FailedPrecondition("cannot acknowledge an alarm in state " + Describe(s) +
                                  ": only B and D are unacknowledged",
                              "state");
  }
  Alarm after = alarm;
  after.acknowledged = true;
  after.record.acknowledged_at = at;
  after.record.acknowledged_by = std::string(user);
  return Finish(alarm, std::move(after), EventKind::kAcknowledged, at, user, "", false);
}

Result<Transition> Reset(const Alarm& alarm, std::string_view user, TimePoint at) {
  SAFELOOP_RETURN_IF_ERROR(NeedUser(user));
  const AlarmState s = StateOf(alarm);
  if (!alarm.definition.latching) return FailedPrecondition("only a latching alarm is reset", "state");
  if (s != AlarmState::kAcknowledged || !alarm.latched) {
    return FailedPrecondition("cannot reset in state " + Describe(s) +
                                  ": reset needs an acknowledged alarm whose condition has cleared",
                              "state");
  }
  Alarm after = alarm;
  after.latched = false;
  after.record.reset_at = at;
  return Finish(alarm, std::move(after), EventKind::kReset, at, user, "", false);
}

Result<Transition> Shelve(const Alarm& alarm, const ShelveRequest& request, const ShelvePolicy& policy,
                          TimePoint at) {
  SAFELOOP_RETURN_IF_ERROR(NeedUser(request.user));
  if (Blank(request.reason)) return InvalidArgument("shelving needs a reason", "reason");
  if (request.until <= at) return InvalidArgument("the shelve expiry must be after now", "until");
  if (request.until - at > policy.max_shelve_time) {
    return InvalidArgument("an alarm can be shelved for at most " +
                               std::to_string(policy.max_shelve_time.count() / 60) + " minutes",
                           "until");
  }
  if (alarm.definition.highly_managed && Blank(request.authorised_by)) {
    return InvalidArgument("a highly managed alarm is shelved only with an authoriser", "authorised_by");
  }
  const AlarmState s = StateOf(alarm);
  if (!(s == AlarmState::kNormal || ShownToOperator(s))) {
    return FailedPrecondition("cannot shelve an alarm in state " + Describe(s) + ": only A, B, C and D",
                              "state");
  }
  Alarm after = alarm;
  after.shelving = Shelving{request.user, request.reason, request.authorised_by, at, request.until};
  return Finish(alarm, std::move(after), EventKind::kShelved, at, request.user, request.reason, false);
}

Result<Transition> Unshelve(const Alarm& alarm, std::string_view user, TimePoint at) {
  SAFELOOP_RETURN_IF_ERROR(NeedUser(user));
  const AlarmState s = StateOf(alarm);
  if (s != AlarmState::kShelved) {
    return FailedPrecondition("cannot unshelve an alarm in state " + Describe(s) + ": it is not shelved",
                              "state");
  }
  Alarm after = alarm;
  after.shelving.reset();
  const bool annunciated = RevealIfNowVisible(alarm, after, at);
  return Finish(alarm, std::move(after), EventKind::kUnshelved, at, user, "", annunciated);
}

Result<Transition> Comment(const Alarm& alarm, std::string_view user, std::string_view text, TimePoint at) {
  SAFELOOP_RETURN_IF_ERROR(NeedUser(user));
  if (Blank(text)) return InvalidArgument("a comment needs text", "text");
  return Finish(alarm, alarm, EventKind::kCommented, at, user, text, false);
}

Result<Transition> RemoveFromService(const Alarm& alarm, const OutOfServiceRequest& request, TimePoint at) {
  SAFELOOP_RETURN_IF_ERROR(NeedUser(request.user));
  if (Blank(request.authorised_by)) {
    return InvalidArgument("removing an alarm from service needs an authoriser", "authorised_by");
  }
  if (Blank(request.reason)) return InvalidArgument("removing an alarm from service needs a reason", "reason");
  const AlarmState s = StateOf(alarm);
  if (s == AlarmState::kOutOfService) {
    return FailedPrecondition("the alarm is already out of service", "state");
  }
  Alarm after = alarm;
  after.out_of_service =
      OutOfService{request.user, request.authorised_by, request.reason, request.record_id, at};
  return Finish(alarm, std::move(after), EventKind::kRemovedFromService, at, request.user, request.reason,
                false);
}

Result<Transition> ReturnToService(const Alarm& alarm, std::string_view user, TimePoint at) {
  SAFELOOP_RETURN_IF_ERROR(NeedUser(user));
  const AlarmState s = StateOf(alarm);
  if (s != AlarmState::kOutOfService) {
    return FailedPrecondition("cannot return to service an alarm in state " + Describe(s) +
                                  ": it is not out of service",
                              "state");
  }
  Alarm after = alarm;
  after.out_of_service.reset();
  const bool annunciated = RevealIfNowVisible(alarm, after, at);
  return Finish(alarm, std::move(after), EventKind::kReturnedToService, at, user, "", annunciated);
}

Result<Transition> Close(const Alarm& alarm, const HandlingRecord& handling, TimePoint at) {
  if (Blank(handling.result)) {
    return InvalidArgument("an alarm is closed only with its handling result (处理结果)", "handling.result");
  }
  if (Blank(handling.handled_by)) {
    return InvalidArgument("the handling record needs the person who handled it", "handling.handled_by");
  }
  const AlarmState s = StateOf(alarm);
  switch (s) {
    case AlarmState::kNormal:
      if (!alarm.record.open) return FailedPrecondition("there is no open alarm record to close", "record");
      break;
    case AlarmState::kReturnedUnacknowledged:
      break;
    case AlarmState::kUnacknowledged:
    case AlarmState::kAcknowledged:
      if (alarm.condition_active) {
        return FailedPrecondition("the condition is still active (" + Describe(s) +
                                      "): close the alarm once it has returned to normal",
                                  "state");
      }
      return FailedPrecondition("the latched alarm must be acknowledged and reset before it is closed",
                                "state");
    case AlarmState::kShelved:
    case AlarmState::kSuppressed:
    case AlarmState::kOutOfService:
      return FailedPrecondition("the alarm is hidden in state " + Describe(s) +
                                    ": bring it back before closing it",
                                "state");
  }
  Alarm after = alarm;
  if (s == AlarmState::kReturnedUnacknowledged) {
    // Writing the handling result is the operator's acknowledgement.
    after.acknowledged = true;
    after.record.acknowledged_at = at;
    after.record.acknowledged_by = handling.handled_by;
  }
  after.record.open = false;
  after.record.closed_at = at;
  after.record.handling = handling;
  return Finish(alarm, std::move(after), EventKind::kClosed, at, handling.handled_by, handling.result, false);
}

std::optional<Transition> ApplySuppression(const Alarm& alarm, bool suppressed, std::string_view reason,
                                           TimePoint at) {
  if (suppressed == alarm.suppression.has_value()) return std::nullopt;
  Alarm after = alarm;
  if (suppressed) {
    after.suppression = Suppression{std::string(reason), at};
    return Finish(alarm, std::move(after), EventKind::kSuppressed, at, "", reason, false);
  }
  after.suppression.reset();
  const bool annunciated = RevealIfNowVisible(alarm, after, at);
  return Finish(alarm, std::move(after), EventKind::kUnsuppressed, at, "", reason, annunciated);
}

std::optional<Transition> TickAlarm(const Alarm& alarm, TimePoint now) {
  if (alarm.shelving.has_value() && now >= alarm.shelving->until) {
    Alarm after = alarm;
    after.shelving.reset();
    const bool annunciated = RevealIfNowVisible(alarm, after, now);
    return Finish(alarm, std::move(after), EventKind::kShelveExpired, now, "", "", annunciated);
  }
  const auto& re_alarm = alarm.definition.re_alarm_after;
  if (re_alarm.has_value() && StateOf(alarm) == AlarmState::kAcknowledged && alarm.condition_active &&
      alarm.record.acknowledged_at.has_value() && now - *alarm.record.acknowledged_at >= *re_alarm) {
    Alarm after = alarm;
    after.acknowledged = false;
    return Finish(alarm, std::move(after), EventKind::kReAlarmed, now, "", "", false);
  }
  return std::nullopt;
}

}  // namespace safeloop::alarm
