#include "http/http_types.h"

#include <charconv>

#include "base/strings.h"

namespace ks::http {

std::string Request::Header(const std::string& lowercase_name) const {
  auto it = headers.find(lowercase_name);
  return it == headers.end() ? std::string() : it->second;
}

std::optional<std::string> Request::Query(const std::string& name) const {
  auto it = query.find(name);
  if (it == query.end()) return std::nullopt;
  return it->second;
}

std::string Request::Cookie(std::string_view name) const {
  const std::string header = Header("cookie");
  std::string_view all = header;
  while (!all.empty()) {
    const size_t end = all.find(';');
    std::string_view pair = all.substr(0, end);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    if (pair.size() > name.size() && pair.substr(0, name.size()) == name && pair[name.size()] == '=') {
      return std::string(pair.substr(name.size() + 1));
    }
    if (end == std::string_view::npos) break;
    all.remove_prefix(end + 1);
  }
  return "";
}

Response JsonResponse(int status, const nlohmann::json& body) {
  Response r;
  r.status = status;
  r.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return r;
}

int StatusFor(ErrorCode code) {
  switch (code) {
    case ErrorCode::kNotFound: return 404;
    case ErrorCode::kInvalidArgument: return 400;
    case ErrorCode::kConflict: return 409;
    case ErrorCode::kPermissionDenied: return 403;
    case ErrorCode::kUnauthenticated: return 401;
    case ErrorCode::kUnavailable: return 503;
    case ErrorCode::kInternal: return 500;
  }
  return 500;
}

Response ErrorResponse(const Error& error) {
  nlohmann::json e = {{"code", ErrorCodeName(error.code)}, {"message", error.message}};
  if (!error.field.empty()) e["field"] = error.field;
  Response r = JsonResponse(StatusFor(error.code), {{"error", e}});
  if (error.code == ErrorCode::kUnauthenticated) r.headers.emplace_back("WWW-Authenticate", "Bearer");
  if (error.code == ErrorCode::kUnavailable) r.headers.emplace_back("Retry-After", "1");
  return r;
}

Response HttpErrorResponse(int status, std::string_view code, std::string_view message) {
  return JsonResponse(status, {{"error", {{"code", code}, {"message", message}}}});
}

}  // namespace ks::http

namespace ks::http {

std::optional<nlohmann::json> ReadJsonBody(const Request& request, Response& rejection) {
  const std::string type = ToLowerAscii(request.Header("content-type"));
  // The media type without parameters ("application/json; charset=utf-8" is fine).
  const std::string_view media_type = Trim(std::string_view(type).substr(0, type.find(';')));
  if (media_type != "application/json") {
    rejection = HttpErrorResponse(415, "unsupported_media_type",
                                  "send the body as JSON with 'Content-Type: application/json'" +
                                      (type.empty() ? std::string() : " (got '" + type + "')"));
    return std::nullopt;
  }
  try {
    return nlohmann::json::parse(request.body);
  } catch (const nlohmann::json::parse_error& e) {
    rejection = ErrorResponse(Error::Invalid("", std::string("malformed JSON: ") + e.what()));
    return std::nullopt;
  }
}

Result<int> QueryLimit(const Request& request, int default_value, int max_value) {
  const auto text = request.Query("limit");
  if (!text) return default_value;
  int value = 0;
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc() || end != text->data() + text->size() || value < 1 || value > max_value) {
    return Error::Invalid("limit", "'" + *text + "' must be a whole number from 1 to " + std::to_string(max_value));
  }
  return value;
}

}  // namespace ks::http
