#include "feedback/text_columns.h"

#include <gtest/gtest.h>

namespace ks {
namespace {

TEST(TextColumns, TopicSentimentsRoundTripAndUnreadablePartsAreSkipped) {
  const std::vector<text::TopicSentiment> topics = {{"delivery", -0.625}, {"staff", 0.71}, {"price", 0}};
  EXPECT_EQ(FormatTopicSentiments(topics), "delivery:-0.625,staff:0.710,price:0.000");
  const auto back = ParseTopicSentiments(FormatTopicSentiments(topics));
  ASSERT_EQ(back.size(), 3U);
  EXPECT_EQ(back[0].key, "delivery");
  EXPECT_DOUBLE_EQ(back[0].sentiment, -0.625);
  EXPECT_DOUBLE_EQ(back[1].sentiment, 0.71);
  struct Case {
    const char* column;
    size_t parsed;
  };
  for (const Case& c : {Case{"", 0}, Case{"delivery", 0}, Case{":0.5", 0}, Case{"a:x,b:0.5", 1}, Case{"a:0.5,,b:1", 2},
                        Case{"a:0.5x", 0}}) {
    EXPECT_EQ(ParseTopicSentiments(c.column).size(), c.parsed) << c.column;
  }
}

TEST(TextColumns, AnAnalysisIsStoredAndReadBack) {
  text::TextAnalysis a;
  a.language = "nl";
  a.language_confidence = 0.93;
  a.sentiment = -0.4;
  a.sentiment_label = "negative";
  a.topics = {{"delivery", -0.6}, {"staff", 0.7}};
  a.key_phrases = {"lange wachttijd", "vriendelijke chauffeur"};
  const std::vector<db::Value> row = TextColumnValues(&a, "", 4);
  EXPECT_EQ(db::AsText(row[3]), "delivery,staff");  // the topics column the analytics index reads
  EXPECT_EQ(db::AsInt(row[7]), 4);
  text::TextAnalysis back;
  ASSERT_TRUE(TextAnalysisFromColumns(row, 0, back));
  EXPECT_EQ(back.language, "nl");
  EXPECT_DOUBLE_EQ(back.sentiment, -0.4);
  EXPECT_EQ(back.sentiment_label, "negative");
  ASSERT_EQ(back.topics.size(), 2U);
  EXPECT_EQ(back.topics[1].key, "staff");
  EXPECT_EQ(back.key_phrases, a.key_phrases);
  EXPECT_DOUBLE_EQ(back.language_confidence, 0.93);
}

TEST(TextColumns, AnItemWithoutTextKeepsTheGivenLanguageAndReadsAsNotAnalysed) {
  const std::vector<db::Value> row = TextColumnValues(nullptr, "en", 2);
  EXPECT_EQ(db::AsText(row[0]), "en");
  EXPECT_TRUE(db::IsNull(row[1]));
  text::TextAnalysis back;
  EXPECT_FALSE(TextAnalysisFromColumns(row, 0, back));
  EXPECT_TRUE(db::IsNull(TextColumnValues(nullptr, "", 0)[0]));
}

TEST(TextColumns, TheLanguageIsMarkedDetectedOnlyWhenTheSenderGaveAnother) {
  struct Case {
    const char* given;
    const char* found;
    const char* stored;
    std::int64_t detected;
  };
  for (const Case& c : {Case{"", "nl", "nl", 1}, Case{"nl", "nl", "nl", 0}, Case{"en", "en", "en", 0},
                        Case{"es", "", "es", 0}, Case{"", "", "", 0}}) {
    text::TextAnalysis a;
    a.language = c.found;
    const auto row = TextColumnValues(&a, c.given, 0);
    EXPECT_EQ(db::AsText(row[0]), c.stored) << c.given << "/" << c.found;
    EXPECT_EQ(db::AsInt(row[8]), c.detected) << c.given << "/" << c.found;
  }
}

}  // namespace
}  // namespace ks
