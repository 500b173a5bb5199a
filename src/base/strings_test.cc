#include "base/strings.h"

#include <gtest/gtest.h>

namespace ks {
namespace {

TEST(Utf8Test, ValidatesSequences) {
  struct Case {
    std::string text;
    bool valid;
    size_t code_points;
  };
  const std::vector<Case> cases = {
      {"", true, 0},
      {"hallo", true, 5},
      {"café", true, 4},
      {"€", true, 1},
      {"😀", true, 1},
      {"\xC3", false, 0},              // truncated
      {"\xC0\xAF", false, 0},          // overlong '/'
      {"\xED\xA0\x80", false, 0},      // surrogate
      {"\xF4\x90\x80\x80", false, 0},  // above U+10FFFF
      {"\xFF", false, 0},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(IsValidUtf8(c.text), c.valid) << c.text;
    if (c.valid) {
      EXPECT_EQ(CodePointCount(c.text), c.code_points) << c.text;
    }
  }
}

TEST(StringsTest, SplitTrimLowerDecode) {
  EXPECT_EQ(Split("a/b//c", '/'), (std::vector<std::string>{"a", "b", "", "c"}));
  EXPECT_EQ(Split("", ','), (std::vector<std::string>{""}));
  EXPECT_EQ(Trim("  x y \r\n"), "x y");
  EXPECT_EQ(ToLowerAscii("AbC-É"), "abc-É");
  EXPECT_EQ(PercentDecode("a%20b%2Fc"), "a b/c");
  EXPECT_EQ(PercentDecode("a+b", true), "a b");
  EXPECT_EQ(PercentDecode("100%"), "100%");
  EXPECT_EQ(PercentDecode("%zz"), "%zz");
}

TEST(ParseIdTest, OnlyPositiveDecimalIds) {
  const std::pair<std::string_view, std::optional<std::int64_t>> rows[] = {
      {"42", 42},           {"1", 1},
      {"0", std::nullopt},  {"-1", std::nullopt},
      {"", std::nullopt},   {"4x", std::nullopt},
      {" 4", std::nullopt}, {"99999999999999999999", std::nullopt}};
  for (const auto& [text, id] : rows) EXPECT_EQ(ParseId(text), id) << text;
}

}  // namespace
}  // namespace ks
