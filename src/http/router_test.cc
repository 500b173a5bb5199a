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
    bool path_known;
    std::string id;
  };
  const std::vector<Case> cases = {
      {"GET", "/api/v1/feedback", "/api/v1/feedback", false, ""},
      {"POST", "/api/v1/feedback", "/api/v1/feedback", false, ""},
      {"GET", "/api/v1/feedback/42", "/api/v1/feedback/{id}", false, "42"},
      {"DELETE", "/api/v1/feedback", "", true, ""},
      {"GET", "/api/v1/feedback/42/x", "", false, ""},
      {"GET", "/api/v1/feedback/", "", false, ""},
      {"GET", "/nope", "", false, ""},
  };
  for (const auto& c : cases) {
    std::map<std::string, std::string> params;
    bool path_known = false;
    const Route* route = router.Match(c.method, c.path, params, path_known);
    EXPECT_EQ(route ? route->pattern : "", c.pattern) << c.method << " " << c.path;
    EXPECT_EQ(path_known, c.path_known) << c.method << " " << c.path;
    if (!c.id.empty()) {
      EXPECT_EQ(params["id"], c.id);
    }
  }
}

}  // namespace
}  // namespace ks::http
