#include "http/http_metrics.h"

#include <fmt/format.h>

namespace ks::http {

void HttpMetrics::Record(const std::string& method, const std::string& route, int status, double seconds) {
  Histogram* histogram;
  {
    std::lock_guard lock(mutex_);
    ++requests_[{method, route, status}];
    auto& h = latency_by_route_[route];
    if (!h) {
      h = std::make_unique<Histogram>(
          std::vector<double>{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5});
    }
    histogram = h.get();
  }
  histogram->Observe(seconds);
}

void HttpMetrics::AddSection(std::function<void(std::string&)> section) {
  std::lock_guard lock(mutex_);
  sections_.push_back(std::move(section));
}

std::string HttpMetrics::Render() const {
  std::string out;
  std::lock_guard lock(mutex_);
  out += "# HELP klantstem_http_requests_total HTTP requests by method, route and status.\n";
  out += "# TYPE klantstem_http_requests_total counter\n";
  for (const auto& [key, count] : requests_) {
    const auto& [method, route, status] = key;
    out += fmt::format("klantstem_http_requests_total{{method=\"{}\",route=\"{}\",status=\"{}\"}} {}\n", method, route,
                       status, count);
  }
  out += "# HELP klantstem_http_request_duration_seconds Time from request to response, by route.\n";
  out += "# TYPE klantstem_http_request_duration_seconds histogram\n";
  for (const auto& [route, histogram] : latency_by_route_) {
    histogram->AppendPrometheus(out, "klantstem_http_request_duration_seconds", fmt::format("route=\"{}\"", route));
  }
  for (const auto& section : sections_) section(out);
  return out;
}

}  // namespace ks::http
