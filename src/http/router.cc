#include "http/router.h"

#include "base/strings.h"

namespace ks::http {
namespace {

bool MatchPattern(const std::string& pattern, const std::string& path, std::map<std::string, std::string>& params) {
  const auto want = Split(pattern, '/');
  const auto have = Split(path, '/');
  if (want.size() != have.size()) return false;
  std::map<std::string, std::string> found;
  for (size_t i = 0; i < want.size(); ++i) {
    if (want[i].size() > 2 && want[i].front() == '{' && want[i].back() == '}') {
      if (have[i].empty()) return false;
      found[want[i].substr(1, want[i].size() - 2)] = have[i];
    } else if (want[i] != have[i]) {
      return false;
    }
  }
  params = std::move(found);
  return true;
}

}  // namespace

void Router::Add(std::string method, std::string pattern, Handler handler) {
  routes_.push_back({std::move(method), std::move(pattern), std::move(handler)});
}

const Route* Router::Match(const std::string& method, const std::string& path,
                           std::map<std::string, std::string>& params, std::vector<std::string>& allowed) const {
  allowed.clear();
  for (const Route& route : routes_) {
    std::map<std::string, std::string> candidate;
    if (!MatchPattern(route.pattern, path, candidate)) continue;
    if (route.method == method) {
      params = std::move(candidate);
      allowed.clear();
      return &route;
    }
    allowed.push_back(route.method);
  }
  return nullptr;
}

}  // namespace ks::http
