#include "text/topics.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

namespace ks::text {
namespace {

// The keys of the topics `matcher` finds in `text`, in text order.
std::vector<std::string> Keys(const TopicMatcher& matcher, std::string_view text, std::string_view language) {
  std::vector<std::string> keys;
  for (const TopicMention& mention : matcher.Match(Tokenize(text), language)) {
    keys.push_back(matcher.taxonomy().topics[mention.topic].key);
  }
  return keys;
}

struct MatchCase {
  std::string_view language;
  std::string_view text;
  std::vector<std::string> want;
};

class DefaultTopicsTest : public testing::TestWithParam<MatchCase> {};

TEST_P(DefaultTopicsTest, Finds) {
  static const TopicMatcher matcher(DefaultTaxonomy());
  EXPECT_EQ(Keys(matcher, GetParam().text, GetParam().language), GetParam().want) << GetParam().text;
}

const MatchCase kDefaultCases[] = {
    // Stems: inflections and plurals.
    {"nl", "De pakketten werden netjes bezorgd.", {"delivery"}},
    {"en", "Prices were fair and the waiters attentive.", {"price", "staff"}},
    // Dutch compounds: parts SplitCompound knows, and heads of compounds it does not.
    {"nl", "De bezorgtijd was lang.", {"delivery"}},
    {"nl", "Een wachttijd van een uur.", {"waiting_time"}},
    {"nl", "Het bedieningspersoneel liep af en aan.", {"staff"}},
    {"nl", "De huiswijn was uitstekend.", {"product_quality"}},
    {"nl", "Een echte kerstsfeer.", {"ambience"}},
    {"nl", "Ik verwachtte meer.", {}},
    // Phrases, and the longest match winning.
    {"nl", "Het pakket kwam te laat.", {"delivery"}},
    {"en", "I called customer service twice.", {"communication"}},
    {"en", "The wait staff was great.", {"staff"}},
    // Exact keywords: "=friendly" is not "friends".
    {"en", "Very friendly people.", {"staff"}},
    {"en", "I went with friends.", {}},
    // Exclusions cancel the topic in their sentence only.
    {"nl", "U kunt uw oude toestel inleveren bij de balie.", {}},
    {"en", "We will return soon. They refused to refund my order.", {"returns_complaints"}},
    {"en", "I can't wait to go back!", {}},
    // Several topics in text order; one mention per topic and sentence.
    {"en",
     "The food was great, the food was cheap and the location perfect.",
     {"product_quality", "price", "location"}},
    {"nl", "Lekker eten. Lekker eten!", {"product_quality", "product_quality"}},
    {"nl", "", {}},
};

INSTANTIATE_TEST_SUITE_P(Table, DefaultTopicsTest, testing::ValuesIn(kDefaultCases));

Taxonomy TestTaxonomy() {
  return Taxonomy{{
      {"delivery", {}, {{"nl", {"bezorging", "te laat"}}, {"en", {"delivery", "late"}}}, {{"nl", {"te laat om"}}}},
      {"staff", {}, {{"nl", {"medewerker"}}, {"en", {"staff"}}, {"de", {"Mitarbeiter"}}}, {}},
  }};
}

TEST(TopicMatcher, ReportsSentenceAndByteRange) {
  const TopicMatcher matcher(TestTaxonomy());
  const std::string text = "Goedemiddag. Het pakket kwam te laat aan!";
  const std::vector<TopicMention> mentions = matcher.Match(Tokenize(text), "nl");
  ASSERT_EQ(mentions.size(), 1u);
  EXPECT_EQ(mentions[0].topic, 0u);
  EXPECT_EQ(mentions[0].sentence, 1u);
  EXPECT_EQ(text.substr(mentions[0].begin, mentions[0].end - mentions[0].begin), "te laat");
}

TEST(TopicMatcher, PhrasesDoNotSpanPunctuationOrSentences) {
  const TopicMatcher matcher(TestTaxonomy());
  EXPECT_TRUE(Keys(matcher, "Kom je te, laat maar.", "nl").empty());
  EXPECT_TRUE(Keys(matcher, "Het is te. Laat maar.", "nl").empty());
}

TEST(TopicMatcher, ExclusionCancelsItsOwnTopicOnly) {
  const TopicMatcher matcher(TestTaxonomy());
  EXPECT_EQ(Keys(matcher, "De medewerker was te laat om te helpen.", "nl"), std::vector<std::string>{"staff"});
}

TEST(TopicMatcher, LanguageSelectsKeywords) {
  const TopicMatcher matcher(TestTaxonomy());
  EXPECT_EQ(Keys(matcher, "Der Mitarbeiter war nett.", "de"), std::vector<std::string>{"staff"});
  EXPECT_TRUE(Keys(matcher, "The staff was nice.", "nl").empty());
  EXPECT_TRUE(Keys(matcher, "The staff was nice.", "fr").empty());
  // Unknown or empty language: Dutch and English keywords, each topic once per sentence.
  EXPECT_EQ(Keys(matcher, "bezorging delivery staff", ""), (std::vector<std::string>{"delivery", "staff"}));
  EXPECT_EQ(Keys(matcher, "bezorging delivery staff", "xx"), (std::vector<std::string>{"delivery", "staff"}));
}

TEST(TopicMatcher, EmptyTaxonomyFindsNothing) {
  const TopicMatcher matcher(Taxonomy{});
  EXPECT_TRUE(Keys(matcher, "De bezorging was te laat.", "nl").empty());
  EXPECT_TRUE(matcher.taxonomy().topics.empty());
}

}  // namespace
}  // namespace ks::text
