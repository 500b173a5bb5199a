#include "http/router.h"

#include <gtest/gtest.h>

namespace ks::http {
namespace {

TEST(RouterTest, MatchesPatternsAndParameters) {
  Router router;
  const Handler nothing = [](const Request&, const Responder&) {};
  router.Add("GET", "/api/v1/feedback", nothing);
  router.Add("GET", "/api/v1/feedback/{id}", nothing);
  router.Add("POST", "/api/v1/feedback", nothing);

  struct Case {
    std::string method, path, pattern;
    std::vector<std::string> allowed;
    std::string id;
  };
  const std::vector<Case> cases = {
      {"GET", "/api/v1/feedback", "/api/v1/feedback", {}, ""},
      {"POST", "/api/v1/feedback", "/api/v1/feedback", {}, ""},
      {"GET", "/api/v1/feedback/42", "/api/v1/feedback/{id}", {}, "42"},
      {"DELETE", "/api/v1/feedback", "", {"GET", "POST"}, ""},
      {"GET", "/api/v1/feedback/42/x", "", {}, ""},
      {"GET", "/api/v1/feedback/", "", {}, ""},
      {"GET", "/nope", "", {}, ""},
  };
  for (const auto& c : cases) {
    std::map<std::string, std::string> params;
    std::vector<std::string> allowed;
    const Route* route = router.Match(c.method, c.path, params, allowed);
    EXPECT_EQ(route ? route->pattern : "", c.pattern) << c.method << " " << c.path;
    EXPECT_EQ(allowed, c.allowed) << c.method << " " << c.path;
    if (!c.id.empty()) {
      EXPECT_EQ(params["id"], c.id);
    }
  }
}

}  // namespace
}  // namespace ks::http
