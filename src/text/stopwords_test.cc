#include "text/stopwords.h"

#include <gtest/gtest.h>

namespace ks::text {
namespace {

TEST(Stopwords, PerLanguage) {
  const struct {
    const char* word;
    const char* language;
    bool stopword;
  } cases[] = {
      {"het", "nl", true},       {"de", "nl", true},  {"bezorging", "nl", false}, {"the", "en", true},
      {"delivery", "en", false}, {"een", "nl", true},  // "één" and "een" alike, without diacritics
      {"the", "nl", false},      {"het", "", true},   {"the", "", true},          {"und", "de", true},
      {"pakket", "", false},     {"le", "fr", true},
  };
  for (const auto& c : cases) EXPECT_EQ(IsStopword(c.word, c.language), c.stopword) << c.word << " " << c.language;
}

}  // namespace
}  // namespace ks::text
