#include "accounts/passwords.h"

#include <gtest/gtest.h>

namespace ks {
namespace {

TEST(PasswordsTest, Rules) {
  struct Case {
    std::string password;
    bool ok;
    std::string why;
  } cases[] = {
      {"correct horse battery staple", true, ""},
      {"Zeeland-fietst-7x", true, ""},
      {"kort", false, "at least 10"},
      {"ééééééééé", false, "at least 10"},  // 9 code points, 18 bytes
      {"password123", false, "common"},
      {"PASSWORD123", false, "common"},
      {"1234567890", false, "common"},
      {"qwertyuiop", false, "common"},
      {"jan@example.nl", false, "e-mail"},
      {"Jan de Vries", false, "e-mail address or name"},
      {std::string(201, 'x'), false, "at most 200"},
      {std::string("abcdefghij\xff"), false, "UTF-8"},
  };
  for (const auto& c : cases) {
    auto result = CheckNewPassword(c.password, "jan@example.nl", "Jan de Vries");
    EXPECT_EQ(result.ok(), c.ok) << c.password;
    if (!c.ok && !result.ok()) {
      EXPECT_NE(result.error().message.find(c.why), std::string::npos) << c.password << ": " << result.error().message;
      EXPECT_EQ(result.error().field, "password");
    }
  }
}

TEST(PasswordsTest, HashesAreArgon2idSaltedAndVerify) {
  auto a = HashPassword("correct horse battery staple");
  auto b = HashPassword("correct horse battery staple");
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->rfind("$argon2id$", 0), 0u) << *a;
  EXPECT_NE(*a, *b);  // salted
  EXPECT_TRUE(VerifyPassword("correct horse battery staple", *a));
  EXPECT_FALSE(VerifyPassword("correct horse battery stapler", *a));
  EXPECT_FALSE(VerifyPassword("", *a));
  EXPECT_FALSE(VerifyPassword("x", ""));
  EXPECT_FALSE(VerifyPassword("x", "garbage"));
}

}  // namespace
}  // namespace ks
