#include "base/error.h"

namespace ks {

std::string_view ErrorCodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::kNotFound: return "not_found";
    case ErrorCode::kInvalidArgument: return "invalid_argument";
    case ErrorCode::kConflict: return "conflict";
    case ErrorCode::kPermissionDenied: return "permission_denied";
    case ErrorCode::kUnauthenticated: return "unauthenticated";
    case ErrorCode::kUnavailable: return "unavailable";
    case ErrorCode::kInternal: return "internal";
  }
  return "internal";
}

std::string Error::ToString() const {
  if (field.empty()) return message;
  return field + ": " + message;
}

Error Error::WithFieldPrefix(std::string_view prefix) const {
  Error e = *this;
  if (prefix.empty()) return e;
  if (e.field.empty()) {
    e.field = std::string(prefix);
  } else if (e.field.front() == '[') {
    e.field = std::string(prefix) + e.field;
  } else {
    e.field = std::string(prefix) + "." + e.field;
  }
  return e;
}

}  // namespace ks
