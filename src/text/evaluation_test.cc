#include "text/evaluation.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "text/taxonomy.h"

namespace ks::text {
namespace {

// Fixtures written for these tests, in the shape of SemEval-2016 Task 5 (review and sentence level).
const char kReviewLevel[] = R"(<?xml version="1.0" encoding="UTF-8"?>
<Reviews>
  <Review rid="r1">
    <sentences>
      <sentence id="r1:0"><text> The soup was cold. </text></sentence>
      <sentence id="r1:1"><text>The waiter &amp; the cook were kind.</text></sentence>
    </sentences>
    <Opinions>
      <Opinion category="FOOD#QUALITY" polarity="negative"/>
      <Opinion category="SERVICE#GENERAL" polarity="positive"/>
      <Opinion category="RESTAURANT#GENERAL" polarity="negative"/>
      <Opinion category="FOOD#PRICES" polarity="positive"/>
    </Opinions>
  </Review>
  <Review rid="r2" xml:lang="nl">
    <sentences>
      <sentence id="r2:0"><text>Mooi terras.</text></sentence>
    </sentences>
    <Opinions>
      <Opinion category="AMBIENCE#GENERAL" polarity="positive"/>
      <Opinion category="LOCATION#GENERAL" polarity="positive"/>
      <Opinion category="DRINKS#QUALITY" polarity="negative"/>
      <Opinion category="RESTAURANT#MISCELLANEOUS" polarity="neutral"/>
    </Opinions>
  </Review>
</Reviews>)";

const char kSentenceLevel[] = R"(<?xml version="1.0" encoding="UTF-8"?>
<Reviews>
  <Review rid="s1">
    <sentences>
      <sentence id="s1:0">
        <text>Great wine, rude staff.</text>
        <Opinions>
          <Opinion target="wine" category="DRINKS#QUALITY" polarity="positive" from="6" to="10"/>
          <Opinion target="staff" category="SERVICE#GENERAL" polarity="negative" from="17" to="22"/>
        </Opinions>
      </sentence>
      <sentence id="s1:1" OutOfScope="TRUE"><text>Not annotated.</text></sentence>
      <sentence id="s1:2"><text>We went on a Tuesday.</text></sentence>
      <sentence id="s1:3">
        <text>Cheap and tasty.</text>
        <Opinions>
          <Opinion target="NULL" category="RESTAURANT#PRICES" polarity="positive" from="0" to="0"/>
          <Opinion target="NULL" category="FOOD#QUALITY" polarity="positive" from="0" to="0"/>
          <Opinion target="NULL" category="FOOD#STYLE_OPTIONS" polarity="neutral" from="0" to="0"/>
        </Opinions>
      </sentence>
    </sentences>
  </Review>
</Reviews>)";

TEST(ParseLabelledTest, SemEvalReviewLevel) {
  auto parsed = ParseLabelled(kReviewLevel, EvalFormat::kSemEval);
  ASSERT_TRUE(parsed.ok()) << parsed.error().ToString();
  ASSERT_EQ(parsed->size(), 2u);
  const LabelledText& first = (*parsed)[0];
  EXPECT_EQ(first.text, "The soup was cold.\nThe waiter & the cook were kind.");
  EXPECT_EQ(first.language, "");
  EXPECT_EQ(first.polarity, "negative");  // RESTAURANT#GENERAL wins over the majority
  EXPECT_TRUE(first.has_topics);
  EXPECT_EQ(first.topics, (std::vector<std::string>{"product_quality", "staff", "price"}));
  EXPECT_FALSE(first.rating.has_value());
  const LabelledText& second = (*parsed)[1];
  EXPECT_EQ(second.language, "nl");
  EXPECT_EQ(second.polarity, "positive");  // no RESTAURANT#GENERAL: the majority
  EXPECT_EQ(second.topics, (std::vector<std::string>{"ambience", "location", "product_quality"}));
}

TEST(ParseLabelledTest, SemEvalSentenceLevel) {
  auto parsed = ParseLabelled(kSentenceLevel, EvalFormat::kSemEval);
  ASSERT_TRUE(parsed.ok()) << parsed.error().ToString();
  ASSERT_EQ(parsed->size(), 3u);  // the OutOfScope sentence is left out
  EXPECT_EQ((*parsed)[0].text, "Great wine, rude staff.");
  EXPECT_EQ((*parsed)[0].polarity, "");  // one positive, one negative: a tie
  EXPECT_EQ((*parsed)[0].topics, (std::vector<std::string>{"product_quality", "staff"}));
  EXPECT_EQ((*parsed)[1].polarity, "");  // no opinions
  EXPECT_TRUE((*parsed)[1].has_topics);
  EXPECT_TRUE((*parsed)[1].topics.empty());
  EXPECT_EQ((*parsed)[2].polarity, "positive");
  EXPECT_EQ((*parsed)[2].topics, (std::vector<std::string>{"price", "product_quality"}));
}

struct ErrorCase {
  const char* name;
  EvalFormat format;
  std::string content;
  std::string want;  // the error's ToString()
};

void PrintTo(const ErrorCase& c, std::ostream* os) { *os << c.name; }

class ParseErrorTest : public testing::TestWithParam<ErrorCase> {};

TEST_P(ParseErrorTest, NamesWhere) {
  const ErrorCase& c = GetParam();
  auto parsed = ParseLabelled(c.content, c.format);
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(parsed.error().ToString(), c.want);
}

const ErrorCase kErrorCases[] = {
    {"xml_not_well_formed", EvalFormat::kSemEval, "<Reviews>\n<Review>\n</Reviews>",
     "not well-formed XML: Tag mismatch in line 3 column 2"},
    {"xml_wrong_root", EvalFormat::kSemEval, "<reviews/>", "not SemEval-2016 data: the root element must be <Reviews>"},
    {"xml_no_reviews", EvalFormat::kSemEval, "<Reviews/>", "no <Review> with a sentence found"},
    {"xml_bad_polarity", EvalFormat::kSemEval,
     R"(<Reviews><Review rid="7"><sentences><sentence><text>x</text></sentence></sentences>
        <Opinions><Opinion category="FOOD#QUALITY" polarity="good"/></Opinions></Review></Reviews>)",
     "Review[0] (rid 7).Opinions.Opinion[0].polarity: 'good' is not positive, negative, neutral or conflict"},
    {"xml_sentence_without_text", EvalFormat::kSemEval,
     R"(<Reviews><Review rid="8"><sentences><sentence/></sentences></Review></Reviews>)",
     "Review[0] (rid 8).sentences.sentence[0]: has no <text>"},
    {"tsv_empty", EvalFormat::kTsv, "", "line 1: the file is empty"},
    {"tsv_no_text_column", EvalFormat::kTsv, "label\tbody\n1\tok\n",
     "line 1: the header names no text column (text, review, verified_reviews or sentence)"},
    {"tsv_no_label_column", EvalFormat::kTsv, "text\tdate\nok\t2024\n",
     "line 1: the header names no label column (label, polarity, sentiment) or rating column"},
    {"tsv_field_count", EvalFormat::kTsv, "text\tlabel\ngood\t1\nbad\n", "line 3: 1 fields, but the header has 2"},
    {"tsv_bad_label", EvalFormat::kTsv, "text\tlabel\ngood\tyes\n",
     "line 2: label: 'yes' is not positive, negative, neutral, 1 or 0"},
    {"tsv_bad_rating_after_multiline_field", EvalFormat::kTsv, "rating\ttext\n5\t\"two\nlines\"\nfive\tok\n",
     "line 4: rating: 'five' is not a number"},
    {"tsv_no_rows", EvalFormat::kTsv, "text\tlabel\n\t1\n", "no row with a text found"},
};

INSTANTIATE_TEST_SUITE_P(Cases, ParseErrorTest, testing::ValuesIn(kErrorCases),
                         [](const testing::TestParamInfo<ErrorCase>& info) { return std::string(info.param.name); });

TEST(ParseLabelledTest, Tsv) {
  // A byte order mark, CRLF line ends, a quoted field with a tab, a line break and a doubled quote,
  // labels as words and digits, a row without text (skipped) and a blank line.
  const std::string tsv =
      "\xEF\xBB\xBF"
      "Rating\tdate\tverified_reviews\tSentiment\r\n"
      "5\t31-Jul-18\tLove it\tPositive\r\n"
      "1\t31-Jul-18\t\"Broke \"\"fast\"\"\tand\nloud\"\t0\r\n"
      "3\t31-Jul-18\t   \t1\r\n"
      "\r\n"
      "\t01-Aug-18\tMeh\tneutral\r\n"
      "2.5\t01-Aug-18\tOk\t\n";
  auto parsed = ParseLabelled(tsv, EvalFormat::kTsv);
  ASSERT_TRUE(parsed.ok()) << parsed.error().ToString();
  ASSERT_EQ(parsed->size(), 4u);
  EXPECT_EQ((*parsed)[0].text, "Love it");
  EXPECT_EQ((*parsed)[0].polarity, "positive");
  EXPECT_EQ((*parsed)[0].rating, 5.0);
  EXPECT_EQ((*parsed)[1].text, "Broke \"fast\"\tand\nloud");
  EXPECT_EQ((*parsed)[1].polarity, "negative");
  EXPECT_EQ((*parsed)[2].polarity, "neutral");
  EXPECT_FALSE((*parsed)[2].rating.has_value());
  EXPECT_EQ((*parsed)[3].polarity, "");
  EXPECT_EQ((*parsed)[3].rating, 2.5);
  EXPECT_FALSE((*parsed)[3].has_topics);
}

TEST(ClassCountsTest, PrecisionRecallF1) {
  const ClassCounts counts{.true_positive = 3, .false_positive = 1, .false_negative = 2};
  EXPECT_DOUBLE_EQ(counts.precision(), 0.75);
  EXPECT_DOUBLE_EQ(counts.recall(), 0.6);
  EXPECT_DOUBLE_EQ(counts.f1(), 2 * 0.75 * 0.6 / 1.35);
  const ClassCounts none;
  EXPECT_EQ(none.precision(), 0);
  EXPECT_EQ(none.recall(), 0);
  EXPECT_EQ(none.f1(), 0);
}

// A taxonomy whose matches are obvious, so that the expected counts can be worked out by hand.
TextAnalyzer SmallAnalyzer() {
  auto taxonomy = ParseTaxonomy(R"({"topics":[
    {"key":"product_quality","names":{"en":"Food"},"keywords":{"en":["food"]}},
    {"key":"staff","names":{"en":"Staff"},"keywords":{"en":["waiter"]}},
    {"key":"price","names":{"en":"Price"},"keywords":{"en":["price"]}}]})");
  EXPECT_TRUE(taxonomy.ok()) << taxonomy.error().ToString();
  return TextAnalyzer(*taxonomy, 1);
}

LabelledText Item(std::string text, std::string polarity, std::vector<std::string> topics) {
  return {.text = std::move(text),
          .language = "en",
          .polarity = std::move(polarity),
          .rating = std::nullopt,
          .topics = std::move(topics),
          .has_topics = true};
}

TEST(EvaluateTest, SentimentAndTopics) {
  // Predictions: A positive {food}, B negative {waiter}, C negative {price}, D neutral {food},
  // E positive {waiter}; F has no polarity and no topic labels.
  std::vector<LabelledText> data = {
      Item("The food was excellent.", "positive", {"product_quality"}),            // A: right
      Item("The waiter was terrible.", "negative", {"staff"}),                     // B: right
      Item("The price was terrible.", "positive", {"price"}),                      // C: wrong
      Item("The food is on the table.", "neutral", {"product_quality", "staff"}),  // D: staff missed
      Item("Excellent waiter.", "negative", {}),                                   // E: wrong, staff extra
  };
  LabelledText unlabelled;  // F: not counted anywhere
  unlabelled.text = "The waiter brought food.";
  unlabelled.language = "en";
  data.push_back(unlabelled);
  const EvalReport report = Evaluate(data, SmallAnalyzer());
  EXPECT_EQ(report.items, 6u);
  EXPECT_EQ(report.with_polarity, 5u);
  EXPECT_EQ(report.polar, 4u);
  EXPECT_DOUBLE_EQ(report.accuracy, 0.5);  // A and B of A, B, C, E
  const std::map<std::string, std::map<std::string, int>> confusion = {
      {"negative", {{"negative", 1}, {"positive", 1}}},
      {"neutral", {{"neutral", 1}}},
      {"positive", {{"negative", 1}, {"positive", 1}}}};
  EXPECT_EQ(report.confusion, confusion);
  // F1: positive 0.5 (TP A, FP E, FN C), negative 0.5 (TP B, FP C, FN E), neutral 1.
  EXPECT_DOUBLE_EQ(report.macro_f1, 2.0 / 3.0);
  EXPECT_EQ(report.rated, 0u);
  EXPECT_FALSE(report.spearman.has_value());
  ASSERT_EQ(report.topics.size(), 3u);
  const ClassCounts& food = report.topics.at("product_quality");
  EXPECT_EQ(food.true_positive, 2);  // A, D
  EXPECT_EQ(food.false_positive, 0);
  EXPECT_EQ(food.false_negative, 0);
  const ClassCounts& staff = report.topics.at("staff");
  EXPECT_EQ(staff.true_positive, 1);   // B
  EXPECT_EQ(staff.false_positive, 1);  // E
  EXPECT_EQ(staff.false_negative, 1);  // D
  EXPECT_EQ(report.topics.at("price").true_positive, 1);
  EXPECT_DOUBLE_EQ(report.topic_macro_f1, (1 + 0.5 + 1) / 3);

  const std::string text = FormatReport(report);
  EXPECT_NE(text.find("accuracy (pos/neg)        50.0%"), std::string::npos) << text;
  EXPECT_NE(text.find("macro-F1                  0.667"), std::string::npos) << text;
  EXPECT_NE(text.find("  positive           1         0         1"), std::string::npos) << text;
  EXPECT_NE(text.find("  staff                  50.0%     50.0%  0.500         2         2"), std::string::npos)
      << text;
  EXPECT_NE(text.find("topic macro-F1            0.833"), std::string::npos) << text;
  EXPECT_EQ(text.find("Spearman"), std::string::npos) << text;
}

TEST(EvaluateTest, SpearmanAgainstRating) {
  std::vector<LabelledText> data;
  for (const auto& [text, rating] : std::vector<std::pair<std::string, double>>{
           {"Terrible, awful product.", 1}, {"The box is square.", 3}, {"Excellent, I love it!", 5}}) {
    LabelledText item;
    item.text = text;
    item.language = "en";
    item.rating = rating;
    data.push_back(item);
  }
  const EvalReport report = Evaluate(data, SmallAnalyzer());
  EXPECT_EQ(report.rated, 3u);
  ASSERT_TRUE(report.spearman.has_value());
  EXPECT_DOUBLE_EQ(*report.spearman, 1.0);
  EXPECT_EQ(report.with_polarity, 0u);
  EXPECT_TRUE(report.topics.empty());
  const std::string text = FormatReport(report);
  EXPECT_NE(text.find("Spearman ρ (sentiment vs rating)  1.000  (n = 3)"), std::string::npos) << text;
  EXPECT_EQ(text.find("accuracy"), std::string::npos) << text;
}

}  // namespace
}  // namespace ks::text
