// HTML form bodies and the CSRF defence for every state-changing browser request.
//
// CSRF: (1) the request's Origin (or, without one, its Referer) must name the host it was sent to;
// (2) it must carry the session's synchronizer token, as the `_csrf` form field or the X-CSRF-Token
// header (which htmx sends on every request, see the layout). Both must hold. Pure; thread-safe.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "http/http_types.h"

namespace ks::web {

using Form = std::multimap<std::string, std::string>;

// Parses an application/x-www-form-urlencoded body ("+" is a space). Fields that are not valid UTF-8
// after decoding are dropped.
Form ParseForm(std::string_view body);
// The form of a state-changing request: multipart/form-data (a file upload) or URL-encoded. Of a
// multipart form, text fields are kept like URL-encoded ones; a file field `name` holds the file's
// bytes as they are, with its type in `name.content_type` (empty file fields are left out).
Form ParseRequestForm(const http::Request& request);
// The first value of `name`, or "".
std::string FormValue(const Form& form, const std::string& name);

// Percent-encodes everything but unreserved characters and '/' (for query values and paths).
std::string UrlEncode(std::string_view s);

// Rule (1): Origin or Referer names the request's own Host.
bool SameOrigin(const http::Request& request);
// Rules (1) and (2); `form` is the parsed body (may be empty for htmx requests with the header).
bool CsrfAllowed(const http::Request& request, const Form& form, const std::string& session_csrf_token);

}  // namespace ks::web
