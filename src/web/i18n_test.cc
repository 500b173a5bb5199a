#include "web/i18n.h"

#include <gtest/gtest.h>

namespace ks::web {
namespace {

TEST(I18nTest, EveryLanguageHasEveryEnglishKey) {
  I18n i18n;
  const auto& english = i18n.For("en").messages();
  for (const auto& language : i18n.Languages()) {
    const auto& messages = i18n.For(language).messages();
    for (const auto& [key, text] : english) {
      EXPECT_TRUE(messages.count(key)) << language << " lacks " << key;
    }
    for (const auto& [key, text] : messages) {
      EXPECT_TRUE(english.count(key)) << language << " has " << key << " which English lacks";
      EXPECT_FALSE(text.empty()) << language << " " << key;
    }
  }
}

TEST(I18nTest, PicksPreferenceThenAcceptLanguageThenFallback) {
  I18n i18n;
  struct Case {
    std::string preference, accept, fallback, expected;
  } cases[] = {
      {"en", "nl", "nl", "en"},
      {"", "nl-NL,nl;q=0.9,en;q=0.8", "en", "nl"},
      {"", "de-DE,de;q=0.9,en;q=0.5", "nl", "en"},
      {"", "en;q=0.2, nl-BE;q=0.7", "en", "nl"},
      {"", "fr", "nl", "nl"},
      {"", "", "en", "en"},
      {"xx", "garbage;;q=x,,", "nl", "nl"},
      {"", "*", "xx", "en"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(i18n.Pick(c.preference, c.accept, c.fallback), c.expected) << c.preference << " | " << c.accept;
  }
}

TEST(I18nTest, FormatReplacesNumberedPlaceholders) {
  Catalog c("en", {{"k", "{0} of {1}, again {0}"}});
  EXPECT_EQ(c.Format("k", {"3", "10"}), "3 of 10, again 3");
  EXPECT_EQ(c.Get("missing"), "missing");
}

}  // namespace
}  // namespace ks::web
