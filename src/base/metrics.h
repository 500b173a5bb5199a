// Lock-free counters and fixed-bucket histograms for /metrics. Thread-safe (atomics).
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ks {

// A histogram with fixed upper bounds (Prometheus "le" buckets) plus a sum and a count.
class Histogram {
 public:
  explicit Histogram(std::vector<double> upper_bounds);
  void Observe(double value);
  // Appends the Prometheus text lines for this histogram: name_bucket{labels,le=…}, name_sum, name_count.
  // `labels` is either empty or `key="value",…` without braces.
  void AppendPrometheus(std::string& out, std::string_view name, std::string_view labels) const;

 private:
  std::vector<double> bounds_;
  std::vector<std::atomic<std::uint64_t>> counts_;  // one per bound, plus +Inf last
  std::atomic<std::uint64_t> count_{0};
  std::atomic<double> sum_{0};
};

}  // namespace ks
