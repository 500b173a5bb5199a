#include "text/taxonomy.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace ks::text {
namespace {

struct ParseErrorCase {
  std::string_view name;
  std::string json;
  std::string field;  // the field the error names
};

std::string Topics(std::string_view topics) { return R"({"topics":[)" + std::string(topics) + "]}"; }

std::string ManyTopics(size_t count) {
  std::string topics;
  for (size_t i = 0; i < count; ++i) {
    if (i > 0) topics += ',';
    topics += R"({"key":"t)" + std::to_string(i) + R"(","keywords":{"en":["word"]}})";
  }
  return Topics(topics);
}

class TaxonomyParseErrorTest : public testing::TestWithParam<ParseErrorCase> {};

TEST_P(TaxonomyParseErrorTest, NamesTheField) {
  const Result<Taxonomy> parsed = ParseTaxonomy(GetParam().json);
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(parsed.error().field, GetParam().field) << parsed.error().ToString();
  EXPECT_FALSE(parsed.error().message.empty());
}

const ParseErrorCase kParseErrors[] = {
    {"not_json", "{", ""},
    {"not_an_object", "[]", ""},
    {"no_topics", "{}", "topics"},
    {"unknown_root_field", R"({"topics":[],"topic":[]})", "topic"},
    {"topic_not_object", Topics("1"), "topics[0]"},
    {"missing_key", Topics(R"({"keywords":{"en":["x"]}})"), "topics[0].key"},
    {"malformed_key", Topics(R"({"key":"Bad Key","keywords":{"en":["x"]}})"), "topics[0].key"},
    {"long_key", Topics(R"({"key":")" + std::string(41, 'a') + R"(","keywords":{"en":["x"]}})"), "topics[0].key"},
    {"duplicate_key",
     Topics(R"({"key":"a","keywords":{"en":["x"]}},{"key":"b","keywords":{"en":["y"]}},)"
            R"({"key":"a","keywords":{"en":["z"]}})"),
     "topics[2].key"},
    {"unknown_topic_field", Topics(R"({"key":"a","keywords":{"en":["x"]},"colour":"red"})"), "topics[0].colour"},
    {"no_keywords", Topics(R"({"key":"a"})"), "topics[0].keywords"},
    {"empty_keyword_lists", Topics(R"({"key":"a","keywords":{"nl":[],"en":[]}})"), "topics[0].keywords"},
    {"keywords_not_object", Topics(R"({"key":"a","keywords":["x"]})"), "topics[0].keywords"},
    {"keywords_not_array", Topics(R"({"key":"a","keywords":{"nl":"x"}})"), "topics[0].keywords.nl"},
    {"empty_keyword", Topics(R"({"key":"a","keywords":{"nl":["x","y",""]}})"), "topics[0].keywords.nl[2]"},
    {"keyword_without_word", Topics(R"({"key":"a","keywords":{"nl":["x","!!"]}})"), "topics[0].keywords.nl[1]"},
    {"keyword_not_string", Topics(R"({"key":"a","keywords":{"en":[3]}})"), "topics[0].keywords.en[0]"},
    {"unsupported_keyword_language", Topics(R"({"key":"a","keywords":{"es":["x"]}})"), "topics[0].keywords.es"},
    {"unsupported_name_language", Topics(R"({"key":"a","names":{"xx":"A"},"keywords":{"en":["x"]}})"),
     "topics[0].names.xx"},
    {"empty_name", Topics(R"({"key":"a","names":{"nl":""},"keywords":{"en":["x"]}})"), "topics[0].names.nl"},
    {"empty_exclusion", Topics(R"({"key":"a","keywords":{"en":["x"]},"exclusions":{"en":[" "]}})"),
     "topics[0].exclusions.en[0]"},
    {"too_many_topics", ManyTopics(kMaxTopics + 1), "topics"},
};

INSTANTIATE_TEST_SUITE_P(Table, TaxonomyParseErrorTest, testing::ValuesIn(kParseErrors),
                         [](const testing::TestParamInfo<ParseErrorCase>& info) {
                           return std::string(info.param.name);
                         });

TEST(Taxonomy, ParsesAllFields) {
  const Result<Taxonomy> parsed = ParseTaxonomy(
      R"({"topics":[{"key":"delivery","names":{"nl":"Bezorging","en":"Delivery"},
          "keywords":{"nl":["bezorging","te laat"],"en":["delivery"]},"exclusions":{"nl":["inleveren"]}},
          {"key":"price_2","keywords":{"de":["Preis"]}}]})");
  ASSERT_TRUE(parsed.ok()) << parsed.error().ToString();
  ASSERT_EQ(parsed->topics.size(), 2u);
  const TopicDefinition& delivery = parsed->topics[0];
  EXPECT_EQ(delivery.key, "delivery");
  EXPECT_EQ(delivery.names.at("nl"), "Bezorging");
  EXPECT_EQ(delivery.keywords.at("nl"), (std::vector<std::string>{"bezorging", "te laat"}));
  EXPECT_EQ(delivery.exclusions.at("nl"), std::vector<std::string>{"inleveren"});
  EXPECT_TRUE(parsed->topics[1].names.empty());
  EXPECT_TRUE(ParseTaxonomy(ManyTopics(kMaxTopics)).ok());
}

TEST(Taxonomy, RoundTrips) {
  for (const Taxonomy& taxonomy : {DefaultTaxonomy(), Taxonomy{}}) {
    const std::string json = TaxonomyToJson(taxonomy);
    const Result<Taxonomy> parsed = ParseTaxonomy(json);
    ASSERT_TRUE(parsed.ok()) << parsed.error().ToString();
    ASSERT_EQ(parsed->topics.size(), taxonomy.topics.size());
    for (size_t i = 0; i < taxonomy.topics.size(); ++i) {
      EXPECT_EQ(parsed->topics[i].key, taxonomy.topics[i].key);
      EXPECT_EQ(parsed->topics[i].names, taxonomy.topics[i].names);
      EXPECT_EQ(parsed->topics[i].keywords, taxonomy.topics[i].keywords);
      EXPECT_EQ(parsed->topics[i].exclusions, taxonomy.topics[i].exclusions);
    }
    EXPECT_EQ(TaxonomyToJson(*parsed), json);  // stable
  }
}

TEST(Taxonomy, DefaultCoversServiceTopicsInDutchAndEnglish) {
  const Taxonomy& taxonomy = DefaultTaxonomy();
  std::set<std::string> keys;
  for (const TopicDefinition& topic : taxonomy.topics) {
    keys.insert(topic.key);
    for (const char* language : {"nl", "en"}) {
      EXPECT_TRUE(topic.names.contains(language)) << topic.key << " " << language;
      EXPECT_FALSE(topic.keywords.at(language).empty()) << topic.key << " " << language;
    }
  }
  for (const char* key : {"delivery", "waiting_time", "price", "staff", "expertise", "product_quality", "communication",
                          "website_app", "billing", "returns_complaints", "ambience", "location"}) {
    EXPECT_TRUE(keys.contains(key)) << key;
  }
}

TEST(Taxonomy, TopicNameFallsBackToEnglishThenKey) {
  const TopicDefinition topic{"delivery", {{"nl", "Bezorging"}, {"en", "Delivery"}}, {{"en", {"delivery"}}}, {}};
  EXPECT_EQ(TopicName(topic, "nl"), "Bezorging");
  EXPECT_EQ(TopicName(topic, "fr"), "Delivery");
  EXPECT_EQ(TopicName(TopicDefinition{"delivery", {}, {}, {}}, "nl"), "delivery");
}

}  // namespace
}  // namespace ks::text
