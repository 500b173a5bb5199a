// The evaluation harness behind `klantstem text eval`: reads labelled data (SemEval-2016 Task 5 XML,
// sentence or review level, or a TSV of text and label), runs the TextAnalyzer over it and reports
// sentiment accuracy, macro-F1 and the confusion matrix, Spearman's ρ against a numeric rating, and
// precision, recall and F1 per topic where the data has aspect categories (mapped to the taxonomy's
// topic keys).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "text/analyzer.h"

namespace ks::text {

struct LabelledText {
  std::string text;
  std::string language;             // from the file (SemEval's xml:lang / review language), may be ""
  std::string polarity;             // "positive", "negative", "neutral" or "" (none)
  std::optional<double> rating;     // a numeric rating (TSV "rating" column), when given
  std::vector<std::string> topics;  // expected topic keys (SemEval categories, mapped), when the data has them
  bool has_topics = false;          // whether the data labels topics at all
};

enum class EvalFormat { kSemEval, kTsv };

// Parses `content`. SemEval: every <Review> that has its own <Opinions> (review level: its text is its
// sentences joined by line breaks), else every <sentence> of it that is not OutOfScope (sentence level).
// An item's polarity is that of its RESTAURANT#GENERAL opinion, else the majority of its opinions ("" on
// a tie, for "conflict" only, and without opinions). Aspect categories map to topic keys: *#PRICES →
// price (also FOOD#PRICES), other FOOD#* and DRINKS#* → product_quality, SERVICE#* → staff, AMBIENCE#* →
// ambience, LOCATION#* → location (others, such as RESTAURANT#GENERAL, ignored). The language comes from
// an xml:lang or lang attribute, else "".
// TSV: a header row naming a text column ("text", "review", "verified_reviews" or "sentence") and a
// label column ("label", "polarity", "sentiment": positive/negative/neutral or 1/0) and/or a "rating"
// column; fields may be quoted ("…", with "" for a quote); rows with an empty text are skipped.
// Errors (kInvalidArgument) name the line or element ("line 12: rating", "Review[3] (rid 1004293).…").
Result<std::vector<LabelledText>> ParseLabelled(const std::string& content, EvalFormat format);

struct ClassCounts {
  int true_positive = 0, false_positive = 0, false_negative = 0;
  double precision() const;
  double recall() const;
  double f1() const;
};

struct EvalReport {
  size_t items = 0;
  size_t with_polarity = 0;  // items with an expected polarity
  size_t polar = 0;          // of those, labelled positive or negative
  double accuracy = 0;       // over the `polar` items (neutral predictions count as wrong)
  double sign_accuracy = 0;  // over the `polar` items, by the sign of the score (exactly 0 counts as wrong)
  double macro_f1 = 0;       // over the labels present in the data
  std::map<std::string, std::map<std::string, int>> confusion;  // expected → predicted → count
  size_t rated = 0;                                             // items with a rating
  std::optional<double> spearman;                               // sentiment vs rating (nullopt: < 3 or no variance)
  std::map<std::string, ClassCounts> topics;                    // topic key → counts, for the keys the data labels
  double topic_macro_f1 = 0;
};

// Analyses every item (its language, when given, wins) and scores the analysis against the labels.
// `fallback_language` is used as a customer's language would be: for texts too short to tell their
// language (see DetectLanguage); empty for none.
EvalReport Evaluate(const std::vector<LabelledText>& data, const TextAnalyzer& analyzer,
                    std::string_view fallback_language = "");

// The report as people read it (aligned tables).
std::string FormatReport(const EvalReport& report);

}  // namespace ks::text
