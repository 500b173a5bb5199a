#include "text/analyzer.h"

#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "text/sentiment.h"

namespace ks::text {
namespace {

// The sentiment of topic `key` in `analysis`; fails the test when the topic is missing.
double TopicSentimentOf(const TextAnalysis& analysis, std::string_view key) {
  for (const TopicSentiment& topic : analysis.topics) {
    if (topic.key == key) return topic.sentiment;
  }
  ADD_FAILURE() << "topic " << key << " not found";
  return 0;
}

std::vector<std::string> TopicKeys(const TextAnalysis& analysis) {
  std::vector<std::string> keys;
  for (const TopicSentiment& topic : analysis.topics) keys.push_back(topic.key);
  return keys;
}

TEST(TextAnalyzer, TopicSentimentFollowsItsClause) {
  const TextAnalyzer analyzer;
  for (const auto& [language, text] : std::vector<std::pair<std::string_view, std::string_view>>{
           {"nl", "De bezorging was te laat, maar de chauffeur was erg vriendelijk."},
           {"en", "The delivery was late but the driver was very friendly."},
       }) {
    const TextAnalysis analysis = analyzer.Analyze(text);
    EXPECT_EQ(analysis.language, language) << text;
    EXPECT_LT(TopicSentimentOf(analysis, "delivery"), -0.05) << text;
    EXPECT_GT(TopicSentimentOf(analysis, "staff"), 0.05) << text;
  }
}

TEST(TextAnalyzer, SentimentSplitsSentencesIntoClauses) {
  const std::string text = "Het eten was lekker; de bediening traag. Niet alleen duur maar ook slecht. Prima!";
  const Sentiment sentiment = ScoreSentiment(text, "nl");
  ASSERT_EQ(sentiment.sentences.size(), 3u);
  ASSERT_EQ(sentiment.clauses.size(), 4u);  // "maar ook" adds rather than contrasts
  EXPECT_EQ(text.substr(sentiment.clauses[0].begin, sentiment.clauses[0].end - sentiment.clauses[0].begin),
            "Het eten was lekker");
  EXPECT_GT(sentiment.clauses[0].score, 0.05);
  EXPECT_LT(sentiment.clauses[1].score, -0.05);
  EXPECT_EQ(sentiment.clauses[3].score, sentiment.sentences[2].score);

  const Sentiment contrast = ScoreSentiment("The food was great but the service was awful", "en");
  ASSERT_EQ(contrast.clauses.size(), 2u);
  EXPECT_GT(contrast.clauses[0].score, 0.05);
  EXPECT_LT(contrast.clauses[1].score, -0.05);
  EXPECT_EQ(contrast.clauses[1].end, contrast.sentences[0].end);
}

TEST(TextAnalyzer, TopicSentimentIsTheMeanOverItsMentions) {
  const TextAnalyzer analyzer;
  const TextAnalysis analysis =
      analyzer.Analyze("Het eten was heerlijk. Het eten was vreselijk slecht. De prijs was prima.", "nl");
  const double food = TopicSentimentOf(analysis, "product_quality");
  EXPECT_LT(food, 0);  // the negative sentence is stronger
  EXPECT_GT(food, -0.6);
  EXPECT_GT(TopicSentimentOf(analysis, "price"), 0.05);
}

struct Fixture {
  std::string_view language;
  std::string_view text;
  std::string_view label;
  std::vector<std::string> topics;  // in taxonomy order
};

// Sentences written for klantstem's tests.
const Fixture kFixtures[] = {
    {"nl", "Het pakket werd keurig op tijd bezorgd, top!", "positive", {"delivery"}},
    {"nl", "Ik heb drie kwartier in de wachtrij gestaan, echt belachelijk.", "negative", {"waiting_time"}},
    {"nl", "Veel te duur voor wat je krijgt.", "negative", {"price"}},
    {"nl", "De medewerker aan de balie was ontzettend vriendelijk en behulpzaam.", "positive", {"staff"}},
    {"nl", "De monteur wist precies wat hij deed, heel deskundig advies gekregen.", "positive", {"staff", "expertise"}},
    {"nl", "Het eten was koud en de saus smaakte nergens naar.", "negative", {"product_quality"}},
    {"nl", "Ik ben nooit teruggebeld, terwijl dat wel beloofd was.", "neutral", {"communication"}},
    {"nl", "Inloggen in de app lukt al dagen niet, waardeloos.", "negative", {"website_app"}},
    {"nl", "Er stond een verkeerd bedrag op de factuur.", "negative", {"billing"}},
    {"nl", "Gezellige sfeer en een prachtig uitzicht over het water.", "positive", {"ambience", "location"}},
    {"en", "My parcel arrived two days late and the box was damaged.", "negative", {"delivery"}},
    {"en", "We waited forever before anyone came to take our order.", "neutral", {"waiting_time"}},
    {"en", "Great value for money, very affordable.", "positive", {"price"}},
    {"en", "The staff were rude and unhelpful.", "negative", {"staff"}},
    {"en", "The technician was knowledgeable and explained everything.", "neutral", {"staff", "expertise"}},
    {"en", "The pizza was delicious and the wine excellent.", "positive", {"product_quality"}},
    {"en", "Nobody answered my emails for two weeks.", "neutral", {"communication"}},
    {"en", "The website keeps crashing at checkout.", "neutral", {"website_app"}},
    {"en", "I was charged twice on my credit card, terrible.", "negative", {"billing"}},
    {"en",
     "Returning the jacket was easy and the refund came quickly.",
     "positive",
     {"waiting_time", "returns_complaints"}},
    {"en", "Lovely cozy atmosphere, and parking right outside.", "positive", {"ambience", "location"}},
};

class FixtureTest : public testing::TestWithParam<Fixture> {};

TEST_P(FixtureTest, LabelAndTopics) {
  static const TextAnalyzer analyzer;
  const Fixture& fixture = GetParam();
  const TextAnalysis analysis = analyzer.Analyze(fixture.text, fixture.language);
  EXPECT_EQ(analysis.language, fixture.language);
  EXPECT_EQ(analysis.sentiment_label, fixture.label) << fixture.text << " " << analysis.sentiment;
  EXPECT_EQ(TopicKeys(analysis), fixture.topics) << fixture.text;
}

INSTANTIATE_TEST_SUITE_P(Table, FixtureTest, testing::ValuesIn(kFixtures));

TEST(TextAnalyzer, LanguageWithoutLexiconIsNeutralButHasTopics) {
  const TextAnalyzer analyzer(Taxonomy{{{"price", {}, {{"fr", {"prix"}}}, {}}}});
  const TextAnalysis analysis = analyzer.Analyze("Les prix sont beaucoup trop élevés dans ce magasin.", "fr");
  EXPECT_EQ(analysis.language, "fr");
  EXPECT_EQ(analysis.sentiment, 0);
  EXPECT_EQ(analysis.sentiment_label, "neutral");
  EXPECT_EQ(TopicKeys(analysis), std::vector<std::string>{"price"});
}

TEST(TextAnalyzer, EmptyText) {
  const TextAnalysis analysis = TextAnalyzer().Analyze("");
  EXPECT_EQ(analysis.sentiment, 0);
  EXPECT_EQ(analysis.sentiment_label, "neutral");
  EXPECT_TRUE(analysis.topics.empty());
  EXPECT_TRUE(analysis.key_phrases.empty());
}

TEST(TextAnalyzer, SetTaxonomySwapsTopicsAndRevision) {
  TextAnalyzer analyzer;
  EXPECT_EQ(analyzer.revision(), 0);
  const std::shared_ptr<const TopicMatcher> before = analyzer.matcher();
  analyzer.SetTaxonomy(Taxonomy{{{"kassa", {}, {{"nl", {"kassa"}}}, {}}}}, 7);
  EXPECT_EQ(analyzer.revision(), 7);
  EXPECT_EQ(TopicKeys(analyzer.Analyze("Lange rij bij de kassa en het eten was koud.", "nl")),
            std::vector<std::string>{"kassa"});
  EXPECT_EQ(before->taxonomy().topics.size(), DefaultTaxonomy().topics.size());  // a snapshot stays valid
}

TEST(TextAnalyzer, SwapsTaxonomyWhileAnalysing) {
  TextAnalyzer analyzer;
  const Taxonomy first{{{"a", {}, {{"en", {"delivery"}}}, {}}}};
  const Taxonomy second{{{"b", {}, {{"en", {"delivery"}}}, {}}}};
  std::atomic<bool> stop = false;
  constexpr int kReaders = 3;
  std::vector<std::thread> readers;
  readers.reserve(kReaders);
  std::atomic<int> unexpected = 0;
  for (int t = 0; t < kReaders; ++t) {
    readers.emplace_back([&] {
      while (!stop) {
        const std::vector<std::string> keys =
            TopicKeys(analyzer.Analyze("The delivery was late but the driver was friendly.", "en"));
        const bool known =
            keys.size() == 2 || keys == std::vector<std::string>{"a"} || keys == std::vector<std::string>{"b"};
        if (!known) ++unexpected;
      }
    });
  }
  for (int i = 1; i <= 200; ++i) analyzer.SetTaxonomy(i % 2 == 0 ? first : second, i);
  stop = true;
  for (std::thread& reader : readers) reader.join();
  EXPECT_EQ(unexpected, 0);
  EXPECT_EQ(analyzer.revision(), 200);
  EXPECT_EQ(TopicKeys(analyzer.Analyze("Fast delivery.", "en")), std::vector<std::string>{"a"});
}

}  // namespace
}  // namespace ks::text
