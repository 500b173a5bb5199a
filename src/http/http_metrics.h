// HttpMetrics: requests by route and status and their latency, rendered as Prometheus text together
// with whatever other gauges the application registers. Thread-safe.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "base/metrics.h"

namespace ks::http {

class HttpMetrics {
 public:
  // `route` is the route pattern ("/api/v1/feedback/{id}"), never the raw path, so labels stay few.
  void Record(const std::string& method, const std::string& route, int status, double seconds);

  // Adds a section to /metrics: a function that appends Prometheus text (e.g. the writer's gauges).
  void AddSection(std::function<void(std::string&)> section);

  std::string Render() const;

 private:
  mutable std::mutex mutex_;
  std::map<std::tuple<std::string, std::string, int>, std::uint64_t> requests_;
  std::map<std::string, std::unique_ptr<Histogram>> latency_by_route_;
  std::vector<std::function<void(std::string&)>> sections_;
};

}  // namespace ks::http
