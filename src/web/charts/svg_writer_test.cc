#include "web/charts/svg_writer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <stdexcept>

namespace ks::web::charts {
namespace {

TEST(EscapeXmlTest, EscapesEverythingThatCouldBreakOutOfTextOrAttributes) {
  struct Case {
    std::string in;
    std::string out;
  } cases[] = {
      {"", ""},
      {"plain text 123", "plain text 123"},
      {"a & b", "a &amp; b"},
      {"<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"},
      {"\"><img src=x onerror=alert(1)>", "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"},
      {"' onmouseover='x", "&#39; onmouseover=&#39;x"},
      {"{{x}}", "{{x}}"},      // mustache syntax is inert in output; nothing renders it again
      {"&amp;", "&amp;amp;"},  // no double-unescaping shortcuts
      {"caf\xC3\xA9 \xE2\x82\xAC", "caf\xC3\xA9 \xE2\x82\xAC"},
      {std::string("a\0b\x01\x1F", 5), "ab"},  // control characters XML forbids are dropped
      {"tab\tnew\nline\r", "tab\tnew\nline\r"},
      {"bad \xFF utf8 \xC3\xA9", "bad \xEF\xBF\xBD utf8 \xEF\xBF\xBD\xEF\xBF\xBD"},
  };
  for (const auto& c : cases) EXPECT_EQ(EscapeXml(c.in), c.out) << c.in;
}

TEST(FormatFixedTest, IsDeterministicAndNeverNegativeZero) {
  struct Case {
    double value;
    int decimals;
    std::string out;
  } cases[] = {
      {0, 0, "0"},
      {0, 2, "0.00"},
      {-0.0, 1, "0.0"},
      {-0.04, 1, "0.0"},
      {-0.05, 1, "-0.1"},
      {-0.4, 0, "0"},
      {1234567.891, 2, "1234567.89"},
      {2.5, 0, "2"},  // round half to even, like printf
      {0.125, 2, "0.12"},
      {-12.5, 1, "-12.5"},
      {7, -3, "7"},
      {std::numeric_limits<double>::quiet_NaN(), 1, "0.0"},
      {std::numeric_limits<double>::infinity(), 0, "0"},
      {1e20, 0, "100000000000000000000"},
  };
  for (const auto& c : cases) EXPECT_EQ(FormatFixed(c.value, c.decimals), c.out) << c.value;
}

TEST(FormatCoordinateTest, TrimsTrailingZeros) {
  EXPECT_EQ(FormatCoordinate(12), "12");
  EXPECT_EQ(FormatCoordinate(12.5), "12.5");
  EXPECT_EQ(FormatCoordinate(12.345), "12.35");
  EXPECT_EQ(FormatCoordinate(-0.001), "0");
  EXPECT_EQ(FormatCoordinate(100), "100");
  EXPECT_EQ(FormatCoordinate(-3.1), "-3.1");
}

TEST(SafeHrefTest, KeepsRelativeAndWebLinksOnly) {
  struct Case {
    std::string in;
    std::string out;
  } cases[] = {
      {"/inbox?score=3&unit=7", "/inbox?score=3&unit=7"},
      {"?score=3", "?score=3"},
      {"#part", "#part"},
      {"inbox/x:y", "inbox/x:y"},
      {"/a?next=javascript:x", "/a?next=javascript:x"},
      {"https://example.org/x", "https://example.org/x"},
      {"HTTP://example.org", "HTTP://example.org"},
      {"mailto:a@example.org", "mailto:a@example.org"},
      {"javascript:alert(1)", ""},
      {"JaVaScRiPt:alert(1)", ""},
      {"java\tscript:alert(1)", ""},
      {" javascript:alert(1)", ""},
      {"data:text/html,<script>alert(1)</script>", ""},
      {"vbscript:x", ""},
      {"", ""},
  };
  for (const auto& c : cases) EXPECT_EQ(SafeHref(c.in), c.out) << c.in;
}

TEST(TruncateLabelTest, CutsWholeCodePoints) {
  EXPECT_EQ(TruncateLabel("Amsterdam", 20), "Amsterdam");
  EXPECT_EQ(TruncateLabel("Amsterdam", 9), "Amsterdam");
  EXPECT_EQ(TruncateLabel("Amsterdam", 5), "Amst\xE2\x80\xA6");
  EXPECT_EQ(TruncateLabel("\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9", 3), "\xC3\xA9\xC3\xA9\xE2\x80\xA6");
  EXPECT_EQ(TruncateLabel("abc", 0), "");
}

TEST(SvgWriterTest, WritesIndentedEscapedMarkup) {
  SvgWriter w;
  w.Open("svg", {{"viewBox", "0 0 10 10"}});
  w.TextElement("title", {{"id", "a\"b"}}, "<b>&");
  w.Leaf("rect", {{"x", "1"}});
  w.Open("a", {{"href", "/inbox?a=1&b=2"}});
  w.Close();
  EXPECT_EQ(w.Finish(),
            "<svg viewBox=\"0 0 10 10\">\n"
            "  <title id=\"a&quot;b\">&lt;b&gt;&amp;</title>\n"
            "  <rect x=\"1\"/>\n"
            "  <a href=\"/inbox?a=1&amp;b=2\">\n"
            "  </a>\n"
            "</svg>\n");
}

TEST(SvgWriterTest, RefusesWhatTheContentSecurityPolicyForbids) {
  SvgWriter w;
  EXPECT_THROW(w.Open("script"), std::invalid_argument);
  EXPECT_THROW(w.Open("STYLE"), std::invalid_argument);
  EXPECT_THROW(w.Leaf("foreignObject"), std::invalid_argument);
  EXPECT_THROW(w.Leaf("rect", {{"style", "fill:red"}}), std::invalid_argument);
  EXPECT_THROW(w.Leaf("rect", {{"onclick", "x()"}}), std::invalid_argument);
  EXPECT_THROW(w.Leaf("rect", {{"OnLoad", "x()"}}), std::invalid_argument);
  EXPECT_THROW(w.Leaf("rect", {{"x y", "1"}}), std::invalid_argument);
  EXPECT_THROW(w.Leaf("r<ect"), std::invalid_argument);
  EXPECT_THROW(w.Open("a", {{"href", "javascript:alert(1)"}}), std::invalid_argument);
  EXPECT_THROW(w.Close(), std::logic_error);
}

}  // namespace
}  // namespace ks::web::charts
