#include "analytics/warnings.h"

#include <gtest/gtest.h>

namespace ks::analytics {
namespace {

std::string Codes(const std::vector<Warning>& warnings) {
  std::string out;
  for (const auto& w : warnings) out += (out.empty() ? "" : ",") + w.code;
  return out;
}

TEST(Warnings, SpeakForTheData) {
  const stats::NpsEstimate narrow{30, 4, 22, 38}, wide{30, 12, 5, 55};
  const stats::ChangeTest significant{-9, -2.5, 0.012}, noise{-3, -1.1, 0.27};
  struct Case {
    const char* name;
    WarningInput in;
    const char* codes;
  };
  const Case cases[] = {
      {"hidden seven: grade10 mean 7, half fail", {Scale::kGrade10, 100, 7.0, 0.5, 0.40, {}, {}}, "hidden_seven"},
      {"hidden seven: bimodal though few unhappy", {Scale::kGrade10, 100, 7.2, 0.10, 0.60, {}, {}}, "hidden_seven"},
      {"an honest seven", {Scale::kGrade10, 100, 7.0, 0.05, 0.23, {}, {}}, ""},
      {"a poor mean hides nothing", {Scale::kGrade10, 100, 6.0, 0.5, 0.70, {}, {}}, ""},
      {"csat5 at 3.5 with a quarter unhappy", {Scale::kCsat5, 100, 3.5, 0.25, 0.3, {}, {}}, "hidden_seven"},
      {"stars5 like csat5", {Scale::kStars5, 100, 4.0, 0.30, 0.3, {}, {}}, "hidden_seven"},
      {"nps has no hidden seven", {Scale::kNps, 100, 7.5, 0.40, 0.7, narrow, {}}, ""},
      {"29 answers are too few", {Scale::kGrade10, 29, 7.5, 0.0, 0.1, {}, {}}, "too_few_answers"},
      {"30 answers are enough", {Scale::kGrade10, 30, 7.5, 0.0, 0.1, {}, {}}, ""},
      {"an NPS interval of ±25", {Scale::kNps, 60, 8, 0.2, 0.3, wide, {}}, "too_few_answers"},
      {"a significant change", {Scale::kNps, 400, 8, 0.2, 0.3, narrow, significant}, "significant_change"},
      {"noise is no change", {Scale::kNps, 400, 8, 0.2, 0.3, narrow, noise}, ""},
      {"empty group", {Scale::kGrade10, 0, {}, 0, {}, {}, {}}, ""},
      {"all at once",
       {Scale::kGrade10, 20, 7.0, 0.5, 0.6, {}, significant},
       "hidden_seven,too_few_answers,significant_change"},
  };
  for (const auto& c : cases) EXPECT_EQ(Codes(WarningsFor(c.in)), c.codes) << c.name;
}

TEST(Warnings, MessagesCarryTheFigures) {
  const auto w = WarningsFor({Scale::kGrade10, 10, 7.0, 0.5, 0.565657, {}, {}});
  ASSERT_EQ(w.size(), 2U);
  EXPECT_EQ(w[0].message,
            "the mean 7.0 looks acceptable, but 50% of the answers are unhappy and the answers fall in two groups "
            "(bimodality 0.57)");
  EXPECT_EQ(w[1].message, "only 10 answers; at least 30 are needed to compare");
}

}  // namespace
}  // namespace ks::analytics
