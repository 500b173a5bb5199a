// HttpServer: RESTinio on a thread pool, dispatching to a Router. This is the only file set that
// includes RESTinio (its headers cost ~25 s of compile time per file).
//
// Every handler runs inside a wrapper that turns an escaping exception into a 500 JSON error (a
// RESTinio handler that throws would send nothing), enforces the body limit (413), answers unknown
// paths (404) and methods (405), and records metrics. Shutdown is graceful: Drain() makes new
// requests get 503 and waits for in-flight ones to be answered; Stop() then closes the server.
//
// Threads: Start/Drain/Stop from one controlling thread; handlers on the pool's threads.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "base/result.h"
#include "http/http_metrics.h"
#include "http/router.h"

namespace ks::http {

struct ServerOptions {
  std::string host = "127.0.0.1";   // address to listen on
  std::uint16_t port = 8080;        // 0 is not allowed: clients must know the port
  size_t threads = 2;               // request threads (handlers should not block long)
  size_t max_body_bytes = 1 << 20;  // larger bodies get 413 (default 1 MiB)
};

class HttpServer {
 public:
  HttpServer(ServerOptions options, const Router& router, HttpMetrics& metrics);
  ~HttpServer();

  // Binds and starts the threads; kUnavailable when the address cannot be bound.
  Result<void> Start();
  // New requests get 503 from now on; waits (up to `timeout`) until every accepted request is answered.
  // Returns false when some were still running at the timeout.
  bool Drain(std::chrono::milliseconds timeout);
  void Stop();

  size_t in_flight() const { return in_flight_.load(); }

 private:
  struct Impl;
  ServerOptions options_;
  const Router& router_;
  HttpMetrics& metrics_;
  std::atomic<size_t> in_flight_{0};
  std::atomic<bool> draining_{false};
  std::unique_ptr<Impl> impl_;
};

}  // namespace ks::http
