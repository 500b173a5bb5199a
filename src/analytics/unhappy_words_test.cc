#include "analytics/unhappy_words.h"

#include <gtest/gtest.h>

namespace ks::analytics {
namespace {

std::vector<ClassifiedText> Corpus() {
  std::vector<ClassifiedText> texts;
  for (int i = 0; i < 20; ++i) {
    texts.push_back({"Het pakket werd veel te laat bezorgd, de bezorging duurde een week", "nl", Mood::kUnhappy, {}});
    texts.push_back({"Vriendelijke medewerker en snelle levering, het pakket was er meteen", "nl", Mood::kHappy, {}});
    texts.push_back({"Late delivery and nobody answered the phone", "en", Mood::kUnhappy, {}});
    texts.push_back({"Friendly staff, quick delivery", "en", Mood::kHappy, {}});
    texts.push_back({"Het was oké", "nl", Mood::kNeutral, {}});
  }
  return texts;
}

std::vector<std::string> Terms(const std::vector<WordScore>& words) {
  std::vector<std::string> out;
  for (const auto& w : words) out.push_back(w.term);
  return out;
}

bool Has(const std::vector<std::string>& terms, const std::string& term) {
  return std::find(terms.begin(), terms.end(), term) != terms.end();
}

TEST(UnhappyWords, OverRepresentedOnEachSide) {
  const UnhappyWords w = ScoreTerms(Corpus(), 50);
  EXPECT_EQ(w.unhappy_items, 40);
  EXPECT_EQ(w.happy_items, 40);  // neutral items are left out
  const auto unhappy = Terms(w.unhappy), happy = Terms(w.happy);
  EXPECT_TRUE(Has(unhappy, "laat")) << ::testing::PrintToString(unhappy);
  EXPECT_TRUE(Has(unhappy, "laat bezorgd"));  // a two-word phrase, as written
  EXPECT_TRUE(Has(unhappy, "phone"));
  EXPECT_TRUE(Has(happy, "vriendelijke"));
  EXPECT_TRUE(Has(happy, "friendly staff"));
  // Stopwords and words on both sides alike are not over-represented anywhere.
  for (const char* neither : {"het", "de", "een", "the", "and", "pakket", "delivery"}) {
    EXPECT_FALSE(Has(unhappy, neither)) << neither;
    EXPECT_FALSE(Has(happy, neither)) << neither;
  }
  for (const auto& s : w.unhappy) EXPECT_GE(s.z, 1.96);
  EXPECT_GT(w.unhappy.front().z, w.unhappy.back().z - 1e-12);
}

TEST(UnhappyWords, StemsJoinWrittenForms) {
  std::vector<ClassifiedText> texts;
  for (int i = 0; i < 10; ++i) {
    texts.push_back({"bezorging bezorging", "nl", Mood::kUnhappy, {}});
    texts.push_back({"bezorgingen", "nl", Mood::kUnhappy, {}});
    texts.push_back({"prima service", "nl", Mood::kHappy, {}});
  }
  const UnhappyWords w = ScoreTerms(texts, 10);
  ASSERT_FALSE(w.unhappy.empty());
  EXPECT_EQ(w.unhappy[0].term, "bezorging");  // the most written form of the stem "bezorg"
  EXPECT_EQ(w.unhappy[0].in_unhappy, 30);
}

TEST(UnhappyWords, ThreeWordKeyPhrasesCountAsAWhole) {
  std::vector<ClassifiedText> texts = Corpus();
  for (int i = 0; i < 10; ++i) {
    texts.push_back({"De klantenservice medewerker hing op", "nl", Mood::kUnhappy, {"klantenservice medewerker hing"}});
    texts.push_back({"Vriendelijke medewerker", "nl", Mood::kHappy, {"vriendelijke medewerker"}});
  }
  const auto unhappy = Terms(ScoreTerms(texts, 20).unhappy);
  EXPECT_TRUE(Has(unhappy, "klantenservice medewerker hing")) << ::testing::PrintToString(unhappy);
  // A two-word key phrase is not counted a second time beside the word pair.
  const auto happy = ScoreTerms(texts, 20).happy;
  const auto pair =
      std::find_if(happy.begin(), happy.end(), [](const WordScore& w) { return w.term == "vriendelijke medewerker"; });
  ASSERT_NE(pair, happy.end()) << ::testing::PrintToString(Terms(happy));
  EXPECT_EQ(pair->in_happy, 30);  // 20 in the corpus and 10 here, each once
}

TEST(UnhappyWords, NothingToCompare) {
  const UnhappyWords w = ScoreTerms({}, 10);
  EXPECT_TRUE(w.unhappy.empty());
  EXPECT_TRUE(w.happy.empty());
}

}  // namespace
}  // namespace ks::analytics
