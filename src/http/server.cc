#include "http/server.h"

#include <restinio/all.hpp>
#include <thread>
#include <utility>  // Boost 1.74 asio under C++20 needs this before asio

#include "base/strings.h"

namespace ks::http {
namespace {

using Traits = restinio::traits_t<restinio::asio_timer_manager_t, restinio::null_logger_t>;
using RunningServer = restinio::running_server_handle_t<Traits>;

const char* ReasonPhrase(int status) {
  switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 204: return "No Content";
    case 302: return "Found";
    case 303: return "See Other";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 409: return "Conflict";
    case 413: return "Payload Too Large";
    case 415: return "Unsupported Media Type";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return "Status";
  }
}

Request ToRequest(const restinio::request_t& req) {
  Request r;
  r.method = req.header().method().c_str();
  r.path = std::string(req.header().path());
  try {
    const auto params =
        restinio::parse_query<restinio::parse_query_traits::javascript_compatible>(req.header().query());
    for (const auto& [name, value] : params) r.query.emplace(std::string(name), std::string(value));
  } catch (const std::exception&) {
    // An undecodable query string: treat the parameters as absent rather than failing the request.
  }
  req.header().for_each_field(
      [&r](const restinio::http_header_field_t& f) { r.headers[ToLowerAscii(f.name())] = f.value(); });
  r.body = req.body();
  r.remote_ip = req.remote_endpoint().address().to_string();
  return r;
}

}  // namespace

struct HttpServer::Impl {
  RunningServer handle;
};

HttpServer::HttpServer(ServerOptions options, const Router& router, HttpMetrics& metrics)
    : options_(std::move(options)), router_(router), metrics_(metrics), impl_(std::make_unique<Impl>()) {}

HttpServer::~HttpServer() { Stop(); }

Result<void> HttpServer::Start() {
  auto handler = [this](const restinio::request_handle_t& req) -> restinio::request_handling_status_t {
    const auto started = std::chrono::steady_clock::now();
    in_flight_.fetch_add(1);
    Request request = ToRequest(*req);
    std::map<std::string, std::string> params;
    std::vector<std::string> allowed;
    const Route* route = router_.Match(request.method, request.path, params, allowed);
    const std::string route_name = route ? route->pattern : "(unmatched)";
    auto responder = [this, req, started, method = request.method, route_name](Response response) {
      auto builder = req->create_response(restinio::http_status_line_t{
          restinio::http_status_code_t{static_cast<std::uint16_t>(response.status)}, ReasonPhrase(response.status)});
      builder.append_header(restinio::http_field::content_type, response.content_type);
      builder.append_header(restinio::http_field::server, "klantstem");
      for (auto& [name, value] : response.headers) builder.append_header(name, value);
      if (draining_.load()) builder.connection_close();
      builder.set_body(std::move(response.body));
      builder.done();
      const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      metrics_.Record(method, route_name, response.status, seconds);
      in_flight_.fetch_sub(1);
    };
    if (draining_.load()) {
      responder(HttpErrorResponse(503, "unavailable", "the server is shutting down; retry"));
    } else if (request.body.size() > options_.max_body_bytes) {
      responder(HttpErrorResponse(413, "payload_too_large",
                                  "the request body has " + std::to_string(request.body.size()) +
                                      " bytes; the limit is " + std::to_string(options_.max_body_bytes)));
    } else if (!route) {
      if (allowed.empty()) {
        responder(HttpErrorResponse(404, "not_found", "no such path: " + request.path));
      } else {
        std::string methods;
        for (const auto& m : allowed) methods += (methods.empty() ? "" : ", ") + m;
        Response r =
            HttpErrorResponse(405, "method_not_allowed",
                              request.method + " is not allowed on " + request.path + " (use " + methods + ")");
        r.headers.emplace_back("Allow", methods);
        responder(std::move(r));
      }
    } else {
      for (auto& [name, value] : params) request.path_params[name] = PercentDecode(value);
      // Everything a handler reads from the URL is valid UTF-8 (databases refuse anything else).
      std::string bad_field;
      for (const auto& [name, value] : request.path_params) {
        if (!IsValidUtf8(value)) bad_field = name;
      }
      for (const auto& [name, value] : request.query) {
        if (!IsValidUtf8(value) || !IsValidUtf8(name)) bad_field = name;
      }
      if (!bad_field.empty()) {
        responder(ErrorResponse(Error::Invalid(bad_field, "is not valid UTF-8")));
        return restinio::request_accepted();
      }
      // The responder may be called once only; a handler that throws after responding must not answer twice.
      auto answered = std::make_shared<std::atomic<bool>>(false);
      Responder once = [responder, answered](Response r) {
        if (!answered->exchange(true)) responder(std::move(r));
      };
      try {
        route->handler(request, once);
      } catch (const std::exception& e) {
        once(HttpErrorResponse(500, "internal", std::string("internal error: ") + e.what()));
      } catch (...) {
        once(HttpErrorResponse(500, "internal", "internal error"));
      }
    }
    return restinio::request_accepted();
  };

  try {
    // RESTinio would close the connection without a response above its own limit; keep that limit well
    // above ours so that oversized bodies up to 8× the limit still get a proper 413.
    impl_->handle = restinio::run_async<Traits>(
        restinio::own_io_context(),
        restinio::server_settings_t<Traits>{}
            .address(options_.host)
            .port(options_.port)
            .incoming_http_msg_limits(restinio::incoming_http_msg_limits_t{}.max_body_size(options_.max_body_bytes * 8))
            .request_handler(std::move(handler)),
        options_.threads);
  } catch (const std::exception& e) {
    return Error::Unavailable("cannot listen on " + options_.host + ":" + std::to_string(options_.port) + ": " +
                              e.what());
  }
  return Ok();
}

bool HttpServer::Drain(std::chrono::milliseconds timeout) {
  draining_.store(true);
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (in_flight_.load() > 0) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return true;
}

void HttpServer::Stop() {
  if (impl_ && impl_->handle) {
    impl_->handle->stop();
    impl_->handle->wait();
    impl_->handle.reset();
  }
}

}  // namespace ks::http
