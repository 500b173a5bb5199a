// The server's own request and response types. Handlers in feature folders use these and never see
// RESTinio, so only http/server.cc compiles the (slow) RESTinio headers.
//
// A handler is called on a server thread and must call its Responder exactly once, from any thread —
// now, or later when the group-commit writer has made the data durable.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/error.h"
#include "base/result.h"

namespace ks::http {

struct Request {
  std::string method;                              // "GET", "POST", …
  std::string path;                                // without the query string
  std::multimap<std::string, std::string> query;   // decoded query parameters
  std::map<std::string, std::string> headers;      // names lowercased
  std::map<std::string, std::string> path_params;  // {name} segments of the matched route
  std::string body;
  std::string remote_ip;  // the peer's address (behind a proxy: the proxy's)

  // The header's value, or empty.

  std::string Header(const std::string& lowercase_name) const;
  // The query parameter's (first) value, or nullopt.
  std::optional<std::string> Query(const std::string& name) const;
  // The value of cookie `name` from the Cookie header, or empty.
  std::string Cookie(std::string_view name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

using Responder = std::function<void(Response)>;
using Handler = std::function<void(const Request&, const Responder&)>;

Response JsonResponse(int status, const nlohmann::json& body);
// The HTTP status for an error code (DESIGN §3.2), one place for all of klantstem.
int StatusFor(ErrorCode code);
// {"error":{"code","message","field"}} with the status for its code.
Response ErrorResponse(const Error& error);
// An error that is about HTTP itself (413, 415) rather than a Result error code.
Response HttpErrorResponse(int status, std::string_view code, std::string_view message);

}  // namespace ks::http

namespace ks::http {

// The JSON body of a POST: 415 unless the content type is application/json, 400 for malformed JSON
// (with the byte offset) or a body that is not UTF-8. On failure `rejection` holds the response.
std::optional<nlohmann::json> ReadJsonBody(const Request& request, Response& rejection);

// A positive whole-number query parameter ("limit") with a default and a maximum.
Result<int> QueryLimit(const Request& request, int default_value, int max_value);

}  // namespace ks::http
