#include "web/templates.h"

#include <gtest/gtest.h>

namespace ks::web {
namespace {

const std::vector<EmbeddedFile> kFiles = {
    {"page.mustache", "<p title=\"{{title}}\">{{text}}</p>{{> part}} {{t.hello}}"},
    {"part.mustache", "<i>{{text}}</i>"},
};

TEST(TemplatesTest, EscapesUserDataEverywhereAndResolvesPartialsAndDottedNames) {
  Templates templates({&kFiles});
  const mstch::map context{{"title", std::string("\"><img src=x onerror=alert(1)>")},
                           {"text", std::string("<script>alert(1)</script> {{x}}")},
                           {"t", mstch::map{{"hello", std::string("Hallo")}}}};
  const std::string html = templates.Render("page", context);
  EXPECT_EQ(html.find("<script>"), std::string::npos) << html;
  EXPECT_EQ(html.find("<img"), std::string::npos) << html;
  EXPECT_NE(html.find("&lt;script&gt;"), std::string::npos) << html;
  EXPECT_NE(html.find("<i>&lt;script&gt;"), std::string::npos) << html;
  EXPECT_NE(html.find("{{x}}"), std::string::npos) << html;  // user text is never evaluated as a template
  EXPECT_NE(html.find("Hallo"), std::string::npos) << html;
}

TEST(TemplatesTest, DuplicateAndUnknownNamesAreProgrammingErrors) {
  EXPECT_THROW(Templates({&kFiles, &kFiles}), std::invalid_argument);
  Templates templates({&kFiles});
  EXPECT_THROW(templates.Render("nope", mstch::map{}), std::out_of_range);
}

}  // namespace
}  // namespace ks::web
