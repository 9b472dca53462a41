#pragma once
/// @file status.hpp
/// The one error model of SafeLoop. Domain and infrastructure calls return `Status` or `Result<T>`;
/// exceptions only cross startup/config code and are turned into a Status at RPC/REST boundaries.
/// Codes mirror gRPC status codes so the mapping gRPC <-> HTTP is one table (see rpc/status_mapping.hpp).

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace safeloop {

enum class StatusCode {
  kOk = 0,
  kCancelled = 1,
  kUnknown = 2,
  kInvalidArgument = 3,
  kDeadlineExceeded = 4,
  kNotFound = 5,
  kAlreadyExists = 6,
  kPermissionDenied = 7,
  kResourceExhausted = 8,
  kFailedPrecondition = 9,
  kAborted = 10,
  kOutOfRange = 11,
  kUnimplemented = 12,
  kInternal = 13,
  kUnavailable = 14,
  kDataLoss = 15,
  kUnauthenticated = 16,
};

/// Stable upper-snake name used in JSON error bodies ("INVALID_ARGUMENT").
std::string_view StatusCodeName(StatusCode code);
/// Inverse of StatusCodeName; nullopt for an unknown name.
std::optional<StatusCode> StatusCodeFromName(std::string_view name);
/// HTTP status that matches a code (400 for INVALID_ARGUMENT, 404 for NOT_FOUND, ...).
int HttpStatusFor(StatusCode code);
/// Whether retrying the same call later may succeed (Redpanda's is_retriable habit: one exhaustive switch).
bool IsRetryable(StatusCode code);

/// An outcome: a code, a human message (actionable), and for validation errors the offending field.
class Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message, std::string field = {})
      : code_(code), message_(std::move(message)), field_(std::move(field)) {}

  static Status Ok() { return {}; }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  const std::string& field() const { return field_; }
  /// "INVALID_ARGUMENT: l must be one of ... [field l]" — for logs.
  std::string ToString() const;

  friend bool operator==(const Status&, const Status&) = default;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
  std::string field_;
};

inline Status InvalidArgument(std::string message, std::string field = {}) {
  return {StatusCode::kInvalidArgument, std::move(message), std::move(field)};
}
inline Status NotFound(std::string message, std::string field = {}) {
  return {StatusCode::kNotFound, std::move(message), std::move(field)};
}
inline Status AlreadyExists(std::string message, std::string field = {}) {
  return {StatusCode::kAlreadyExists, std::move(message), std::move(field)};
}
inline Status FailedPrecondition(std::string message, std::string field = {}) {
  return {StatusCode::kFailedPrecondition, std::move(message), std::move(field)};
}
inline Status PermissionDenied(std::string message) { return {StatusCode::kPermissionDenied, std::move(message)}; }
inline Status Unauthenticated(std::string message) { return {StatusCode::kUnauthenticated, std::move(message)}; }
inline Status Unavailable(std::string message) { return {StatusCode::kUnavailable, std::move(message)}; }
inline Status Internal(std::string message) { return {StatusCode::kInternal, std::move(message)}; }

/// Either a value or a non-OK Status. (std::expected needs -std=c++2b on g++ 12.)
template <typename T>
class Result {
 public:
  Result(T value) : data_(std::move(value)) {}  // NOLINT(google-explicit-constructor): ergonomic returns
  Result(Status status) : data_(std::move(status)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return std::holds_alternative<T>(data_); }
  explicit operator bool() const { return ok(); }

  /// The error; OK status when a value is held.
  Status status() const { return ok() ? Status::Ok() : std::get<Status>(data_); }

  T& value() & { return std::get<T>(data_); }
  const T& value() const& { return std::get<T>(data_); }
  T&& value() && { return std::get<T>(std::move(data_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> data_;
};

}  // namespace safeloop

/// Propagate a non-OK Status from an expression returning Status.
#define SAFELOOP_RETURN_IF_ERROR(expr)            \
  do {                                            \
    ::safeloop::Status _sl_status = (expr);       \
    if (!_sl_status.ok()) return _sl_status;      \
  } while (false)
