#include "base/result.h"

#include <gtest/gtest.h>

namespace ks {
namespace {

Result<int> Half(int x) {
  if (x % 2 != 0) return Error::Invalid("x", std::to_string(x) + " is odd");
  return x / 2;
}

Result<int> Quarter(int x) {
  KS_ASSIGN_OR_RETURN(int half, Half(x));
  return Half(half);
}

TEST(ResultTest, CarriesValueOrError) {
  EXPECT_EQ(*Quarter(8), 2);
  auto odd = Quarter(6);
  ASSERT_FALSE(odd.ok());
  EXPECT_EQ(odd.error().ToString(), "x: 3 is odd");
}

TEST(ErrorTest, FieldPrefixes) {
  struct Case {
    std::string field, prefix, expected;
  };
  const std::vector<Case> cases = {
      {"score.value", "items[3]", "items[3].score.value"},
      {"", "items[3]", "items[3]"},
      {"[2]", "items", "items[2]"},
      {"text", "", "text"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(Error::Invalid(c.field, "m").WithFieldPrefix(c.prefix).field, c.expected);
  }
}

}  // namespace
}  // namespace ks
