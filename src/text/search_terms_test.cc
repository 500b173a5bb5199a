#include "text/search_terms.h"

#include <gtest/gtest.h>

namespace ks::text {
namespace {

TEST(WordsTest, SplitsLowercasesAndFoldsDiacritics) {
  struct Case {
    std::string text;
    std::vector<std::string> words;
  };
  const std::vector<Case> cases = {
      {"", {}},
      {"Één Pakket!", {"een", "pakket"}},
      {"café—crème, naïef", {"cafe", "creme", "naief"}},
      {"order #123 was late...", {"order", "123", "was", "late"}},
      {"Straße", {"strasse"}},
      {"<script>alert(1)</script>", {"script", "alert", "1", "script"}},
  };
  for (const auto& c : cases) EXPECT_EQ(Words(c.text), c.words) << c.text;
}

TEST(SearchStemsTest, PluralAndSingularShareAStem) {
  struct Case {
    std::string document, language, query;
  };
  const std::vector<Case> cases = {
      {"De pakketten kwamen te laat", "nl", "pakket"}, {"Het pakket was beschadigd", "nl", "pakketten"},
      {"Two deliveries were late", "en", "delivery"},  {"The delivery was late", "en", "deliveries"},
      {"Vriendelijke medewerkers", "", "medewerker"},
  };
  for (const auto& c : cases) {
    const std::string stems = " " + SearchStems(c.document, c.language) + " ";
    bool found = false;
    for (const auto& alternatives : QueryStems(c.query)) {
      for (const auto& stem : alternatives) found |= stems.find(" " + stem + " ") != std::string::npos;
    }
    EXPECT_TRUE(found) << c.query << " in " << c.document << " (" << stems << ")";
  }
}

TEST(QueryStemsTest, OneGroupPerWord) {
  const auto terms = QueryStems("vriendelijke bezorging");
  ASSERT_EQ(terms.size(), 2u);
  EXPECT_FALSE(terms[0].empty());
}

}  // namespace
}  // namespace ks::text
