// Error: what went wrong and where, as a value that a caller can handle.
// Codes follow DESIGN §3.2; http/ maps them to status codes in one place.
#pragma once

#include <string>
#include <string_view>

namespace ks {

enum class ErrorCode {
  kNotFound,
  kInvalidArgument,
  kConflict,
  kPermissionDenied,
  kUnauthenticated,
  kUnavailable,
  kInternal,
};

// The snake_case name used in API error bodies ("invalid_argument").
std::string_view ErrorCodeName(ErrorCode code);

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;
  // The input field the error is about ("items[3].score.value"), empty when none.
  std::string field;

  static Error NotFound(std::string message) { return {ErrorCode::kNotFound, std::move(message), {}}; }
  static Error Invalid(std::string field, std::string message) {
    return {ErrorCode::kInvalidArgument, std::move(message), std::move(field)};
  }
  static Error Conflict(std::string message) { return {ErrorCode::kConflict, std::move(message), {}}; }
  static Error PermissionDenied(std::string message) { return {ErrorCode::kPermissionDenied, std::move(message), {}}; }
  static Error Unauthenticated(std::string message) { return {ErrorCode::kUnauthenticated, std::move(message), {}}; }
  static Error Unavailable(std::string message) { return {ErrorCode::kUnavailable, std::move(message), {}}; }
  static Error Internal(std::string message) { return {ErrorCode::kInternal, std::move(message), {}}; }

  // "field: message" when a field is set, else the message.
  std::string ToString() const;
  // The same error about a field nested below `prefix` ("items[3]" + "score" -> "items[3].score").
  Error WithFieldPrefix(std::string_view prefix) const;
};

}  // namespace ks
