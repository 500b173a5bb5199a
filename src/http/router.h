// Router: method + path pattern ("/api/v1/feedback/{id}") → handler. Routes are added at start-up and
// only read afterwards, so matching is thread-safe without locks.
#pragma once

#include <string>
#include <vector>

#include "http/http_types.h"

namespace ks::http {

struct Route {
  std::string method;
  std::string pattern;  // segments in braces are parameters
  Handler handler;
};

class Router {
 public:
  void Add(std::string method, std::string pattern, Handler handler);

  // The route for `method` and `path`, with its parameters filled into `params`; nullptr when none.
  // When nothing matches, `allowed` lists the methods that this path has (non-empty → 405, not 404).
  const Route* Match(const std::string& method, const std::string& path, std::map<std::string, std::string>& params,
                     std::vector<std::string>& allowed) const;

  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

}  // namespace ks::http
