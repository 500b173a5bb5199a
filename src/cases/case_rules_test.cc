#include "cases/case_rules.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ks::cases {
namespace {

// Builds a RuleInput: by default a survey answer from the web about our own brand, without score or text.
class Item {
 public:
  Item() {
    input_.feedback.source = "survey";
    input_.feedback.channel = "web";
  }
  Item& Source(std::string source) {
    input_.feedback.source = std::move(source);
    return *this;
  }
  Item& Score(Scale scale, int value) {
    input_.feedback.score = ks::Score{scale, value};
    return *this;
  }
  // A text in `language` ("" when unknown), without analysis.
  Item& Text(std::string text, std::string language = "") {
    input_.feedback.text = std::move(text);
    input_.feedback.language = std::move(language);
    return *this;
  }
  Item& Analysis(double sentiment, std::string label, std::vector<std::string> topics = {}, std::string language = "") {
    text::TextAnalysis analysis;
    analysis.language = std::move(language);
    analysis.sentiment = sentiment;
    analysis.sentiment_label = std::move(label);
    for (std::string& key : topics) analysis.topics.push_back({std::move(key), sentiment});
    input_.analysis = std::move(analysis);
    return *this;
  }
  Item& Attribute(std::string key, std::string value) {
    input_.customer_attributes[std::move(key)] = std::move(value);
    return *this;
  }
  Item& Unit(std::string code, std::vector<std::string> ancestors = {}) {
    input_.feedback.unit = std::move(code);
    input_.unit_ancestors = std::move(ancestors);
    return *this;
  }
  Item& Brand(std::string brand) {
    input_.feedback.brand = std::move(brand);
    return *this;
  }
  operator RuleInput() const { return input_; }  // NOLINT(google-explicit-constructor)

 private:
  RuleInput input_;
};

// A rule set of one rule "r" with `conditions` (a JSON object) and `more` fields ("" or `,"priority":"high"`).
std::string OneRule(std::string_view conditions, std::string_view more = "") {
  return R"({"rules":[{"key":"r","name":"Rule","conditions":)" + std::string(conditions) + std::string(more) + "}]}";
}

RuleSet Parse(const std::string& json) {
  Result<RuleSet> parsed = ParseRuleSet(json);
  if (!parsed.ok()) throw std::runtime_error(parsed.error().ToString());
  return std::move(parsed).value();
}

// ---- Conditions ------------------------------------------------------------------------------------

struct MatchCase {
  std::string_view name;
  std::string_view conditions;
  RuleInput input;
  bool matches;
};

std::vector<MatchCase> MatchCases() {
  constexpr std::string_view kUnhappy = R"({"classes":["unhappy"]})";
  constexpr std::string_view kDetractor = R"({"classes":["detractor"]})";
  constexpr std::string_view kFail = R"({"classes":["fail"]})";
  constexpr std::string_view kNegative = R"({"classes":["negative"]})";
  constexpr std::string_view kWorst = R"({"scores":[{"scale":"nps","min":0,"max":3},)"
                                      R"({"scale":"grade10","min":1,"max":3},{"scale":"csat5","min":1,"max":1}]})";
  constexpr std::string_view kDetractorOrFail =
      R"({"classes":["detractor"],"scores":[{"scale":"grade10","min":1,"max":5}]})";
  constexpr std::string_view kOpzeggen = R"({"words":["opzeggen"]})";
  constexpr std::string_view kIkZegOp = R"({"words":["Ik zeg op"]})";
  constexpr std::string_view kTier = R"({"customer_attributes":{"tier":["gold","platinum"]}})";
  constexpr std::string_view kNorth = R"({"units":["north"]})";
  return {
      // Classes per scale, at the class boundaries.
      {"detractor_nps_6", kDetractor, Item().Score(Scale::kNps, 6), true},
      {"detractor_not_nps_7", kDetractor, Item().Score(Scale::kNps, 7), false},
      {"detractor_only_on_nps", kDetractor, Item().Score(Scale::kGrade10, 2), false},
      {"fail_grade10_5", kFail, Item().Score(Scale::kGrade10, 5), true},
      {"fail_not_grade10_6", kFail, Item().Score(Scale::kGrade10, 6), false},
      {"negative_csat5_2", kNegative, Item().Score(Scale::kCsat5, 2), true},
      {"negative_not_csat5_3", kNegative, Item().Score(Scale::kCsat5, 3), false},
      {"negative_stars5_1", kNegative, Item().Score(Scale::kStars5, 1), true},
      {"negative_only_on_five_point_scales", kNegative, Item().Score(Scale::kNps, 0), false},
      {"unhappy_nps_6", kUnhappy, Item().Score(Scale::kNps, 6), true},
      {"unhappy_not_nps_7", kUnhappy, Item().Score(Scale::kNps, 7), false},
      {"unhappy_grade10_5", kUnhappy, Item().Score(Scale::kGrade10, 5), true},
      {"unhappy_not_grade10_6", kUnhappy, Item().Score(Scale::kGrade10, 6), false},
      {"unhappy_csat5_2", kUnhappy, Item().Score(Scale::kCsat5, 2), true},
      {"unhappy_not_csat5_3", kUnhappy, Item().Score(Scale::kCsat5, 3), false},
      {"unhappy_stars5_2", kUnhappy, Item().Score(Scale::kStars5, 2), true},
      {"class_needs_a_score", kUnhappy, Item().Text("slecht"), false},
      {"passive_nps_8", R"({"classes":["passive"]})", Item().Score(Scale::kNps, 8), true},
      // Score ranges: inclusive, per scale.
      {"range_nps_3", kWorst, Item().Score(Scale::kNps, 3), true},
      {"range_not_nps_4", kWorst, Item().Score(Scale::kNps, 4), false},
      {"range_grade10_3", kWorst, Item().Score(Scale::kGrade10, 3), true},
      {"range_not_grade10_4", kWorst, Item().Score(Scale::kGrade10, 4), false},
      {"range_csat5_1", kWorst, Item().Score(Scale::kCsat5, 1), true},
      {"range_not_csat5_2", kWorst, Item().Score(Scale::kCsat5, 2), false},
      {"range_not_on_other_scale", kWorst, Item().Score(Scale::kStars5, 1), false},
      {"range_needs_a_score", kWorst, Item(), false},
      // Classes and ranges together are one condition: either suffices.
      {"class_or_range_by_class", kDetractorOrFail, Item().Score(Scale::kNps, 5), true},
      {"class_or_range_by_range", kDetractorOrFail, Item().Score(Scale::kGrade10, 4), true},
      {"class_or_range_neither", kDetractorOrFail, Item().Score(Scale::kCsat5, 1), false},
      // Sources.
      {"source_complaint", R"({"sources":["complaint","letter"]})", Item().Source("complaint"), true},
      {"source_letter", R"({"sources":["complaint","letter"]})", Item().Source("letter"), true},
      {"source_not_survey", R"({"sources":["complaint","letter"]})", Item(), false},
      // Topics.
      {"topic_found", R"({"topics":["delivery","price"]})", Item().Analysis(0, "neutral", {"staff", "price"}), true},
      {"topic_not_found", R"({"topics":["delivery"]})", Item().Analysis(0, "neutral", {"price"}), false},
      {"topic_needs_analysis", R"({"topics":["delivery"]})", Item().Text("bezorging"), false},
      // Sentiment: label, and score at most x (inclusive).
      {"sentiment_label", R"({"sentiment_labels":["negative"]})", Item().Analysis(-0.6, "negative"), true},
      {"sentiment_label_other", R"({"sentiment_labels":["negative"]})", Item().Analysis(0, "neutral"), false},
      {"sentiment_at_most_equal", R"({"max_sentiment":-0.5})", Item().Analysis(-0.5, "negative"), true},
      {"sentiment_at_most_above", R"({"max_sentiment":-0.5})", Item().Analysis(-0.49, "negative"), false},
      {"sentiment_needs_analysis", R"({"max_sentiment":0})", Item(), false},
      {"sentiment_label_and_score_both_hold", R"({"sentiment_labels":["negative"],"max_sentiment":-0.8})",
       Item().Analysis(-0.6, "negative"), false},
      // Single words match by stem in the item's language, ignoring case and diacritics.
      {"word_same_word", kOpzeggen, Item().Text("Ik wil opzeggen.", "nl"), true},
      {"word_upper_case", kOpzeggen, Item().Text("IK WIL OPZEGGEN", "nl"), true},
      {"word_same_stem_opzegging", kOpzeggen, Item().Text("Hierbij mijn Opzegging", "nl"), true},
      {"word_stem_in_other_direction", R"({"words":["opzegging"]})", Item().Text("ik ga opzeggen", "nl"), true},
      {"word_participle_has_another_stem", kOpzeggen, Item().Text("ik heb opgezegd", "nl"), false},
      {"word_not_inside_compounds", kOpzeggen, Item().Text("mijn abonnementsopzegging", "nl"), false},
      {"word_unknown_language_tries_dutch", kOpzeggen, Item().Text("opzegging"), true},
      {"word_analysis_language_wins", kOpzeggen, Item().Text("Opzegging", "en").Analysis(0, "neutral", {}, "nl"), true},
      {"word_english_stem", R"({"words":["cancel"]})", Item().Text("I CANCELLED my subscription", "en"), true},
      {"word_english_noun", R"({"words":["cancel"]})", Item().Text("Cancellation, now!", "en"), true},
      {"word_english_plural", R"({"words":["lawyer"]})", Item().Text("Our lawyers will call", "en"), true},
      {"word_dutch_plural", R"({"words":["advocaat"]})", Item().Text("mijn advocaten bellen u", "nl"), true},
      {"word_diacritics", R"({"words":["beëindigen"]})", Item().Text("Ik wil het contract BEEINDIGEN", "nl"), true},
      {"word_any_of", R"({"words":["advocaat","lawyer"]})", Item().Text("I will call my lawyer", "en"), true},
      {"word_absent", R"({"words":["advocaat","lawyer"]})", Item().Text("Fijne service", "nl"), false},
      {"word_needs_text", kOpzeggen, Item(), false},
      // Phrases match consecutive folded words.
      {"phrase_exact", kIkZegOp, Item().Text("Dit was het: ik zeg op!", "nl"), true},
      {"phrase_case_folded", kIkZegOp, Item().Text("IK ZEG OP", "nl"), true},
      {"phrase_words_between", kIkZegOp, Item().Text("ik zeg mijn abonnement op", "nl"), false},
      {"phrase_punctuation_between", kIkZegOp, Item().Text("ik zeg, op de valreep", "nl"), false},
      {"phrase_not_stemmed", R"({"words":["juridische stappen"]})", Item().Text("een juridische stap", "nl"), false},
      {"phrase_diacritics", R"({"words":["één ster"]})", Item().Text("Een ster is te veel", "nl"), true},
      // Customer attributes: every key holds with one of its values, case-insensitive.
      {"attribute_value", kTier, Item().Attribute("tier", "platinum"), true},
      {"attribute_case_insensitive", kTier, Item().Attribute("tier", "Gold"), true},
      {"attribute_other_value", kTier, Item().Attribute("tier", "silver"), false},
      {"attribute_missing", kTier, Item().Attribute("segment", "gold"), false},
      {"attributes_all_keys", R"({"customer_attributes":{"tier":["gold"],"segment":["B2B"]}})",
       Item().Attribute("tier", "gold").Attribute("segment", "B2C"), false},
      // Units, with the item's ancestors.
      {"unit_itself", kNorth, Item().Unit("north", {"nl"}), true},
      {"unit_ancestor", kNorth, Item().Unit("store-12", {"utrecht", "north", "nl"}), true},
      {"unit_other", kNorth, Item().Unit("south", {"nl"}), false},
      {"unit_none", kNorth, Item(), false},
      // Brands: own only unless the rule says otherwise.
      {"brand_own_by_default", R"({"sources":["review"]})", Item().Source("review"), true},
      {"brand_competitor_not_by_default", R"({"sources":["review"]})", Item().Source("review").Brand("Bol"), false},
      {"brand_any", R"({"sources":["review"],"brands":["*"]})", Item().Source("review").Brand("Bol"), true},
      {"brand_named_case_insensitive", R"({"sources":["review"],"brands":["bol"]})",
       Item().Source("review").Brand("Bol"), true},
      {"brand_named_excludes_own", R"({"sources":["review"],"brands":["bol"]})", Item().Source("review"), false},
      // All conditions must hold.
      {"all_conditions_hold", R"({"sources":["complaint"],"words":["cancel"],"units":["north"]})",
       Item().Source("complaint").Text("cancel it", "en").Unit("north"), true},
      {"one_condition_fails", R"({"sources":["complaint"],"words":["cancel"],"units":["north"]})",
       Item().Source("complaint").Text("cancel it", "en").Unit("south"), false},
  };
}

class RuleConditionTest : public testing::TestWithParam<MatchCase> {};

TEST_P(RuleConditionTest, Matches) {
  const RuleSet rule_set = Parse(OneRule(GetParam().conditions));
  EXPECT_EQ(Evaluate(rule_set, GetParam().input).has_value(), GetParam().matches);
  EXPECT_EQ(CountMatches(rule_set, {GetParam().input}), std::vector<size_t>{GetParam().matches ? 1U : 0U});
}

INSTANTIATE_TEST_SUITE_P(Table, RuleConditionTest, testing::ValuesIn(MatchCases()),
                         [](const testing::TestParamInfo<MatchCase>& info) { return std::string(info.param.name); });

// ---- Decisions -------------------------------------------------------------------------------------

TEST(Evaluate, MostUrgentRuleDecidesAndAllMatchesAreRecorded) {
  const RuleSet rule_set = Parse(R"({"rules":[
      {"key":"any_unhappy","name":"A","conditions":{"classes":["unhappy"]}},
      {"key":"complaint_high","name":"B","priority":"high","owner":"queue:Klantenservice",
       "conditions":{"sources":["complaint"]}},
      {"key":"nps_high","name":"C","priority":"high","owner":"user:anna@example.nl","conditions":{"classes":["detractor"]}},
      {"key":"worst","name":"D","priority":"critical","conditions":{"scores":[{"scale":"nps","min":0,"max":3}]}},
      {"key":"low","name":"E","priority":"low","conditions":{"sources":["complaint"]}}]})");
  const auto decision = Evaluate(rule_set, Item().Source("complaint").Score(Scale::kNps, 5));
  ASSERT_TRUE(decision.has_value());
  // Equal priorities keep the rule set's order.
  EXPECT_EQ(decision->matched_rules, (std::vector<std::string>{"complaint_high", "nps_high", "any_unhappy", "low"}));
  EXPECT_EQ(decision->priority, Priority::kHigh);
  EXPECT_EQ(decision->owner.kind, CaseOwner::Kind::kQueue);
  EXPECT_EQ(decision->owner.name, "Klantenservice");
  EXPECT_EQ(decision->sla.first_contact, 24);

  const auto worst = Evaluate(rule_set, Item().Source("complaint").Score(Scale::kNps, 2));
  ASSERT_TRUE(worst.has_value());
  EXPECT_EQ(worst->matched_rules.front(), "worst");
  EXPECT_EQ(worst->priority, Priority::kCritical);
  EXPECT_EQ(worst->owner.kind, CaseOwner::Kind::kUnitManager);
  EXPECT_EQ(worst->matched_rules.size(), 5U);

  EXPECT_FALSE(Evaluate(rule_set, Item().Score(Scale::kNps, 9)).has_value());
}

TEST(Evaluate, SkipsDisabledRulesWhichThePreviewStillCounts) {
  const RuleSet rule_set = Parse(R"({"rules":[
      {"key":"off","name":"Off","enabled":false,"priority":"critical","conditions":{"classes":["unhappy"]}},
      {"key":"on","name":"On","conditions":{"classes":["unhappy"]}}]})");
  const auto decision = Evaluate(rule_set, Item().Score(Scale::kNps, 0));
  ASSERT_TRUE(decision.has_value());
  EXPECT_EQ(decision->matched_rules, std::vector<std::string>{"on"});
  EXPECT_EQ(decision->priority, Priority::kNormal);
  EXPECT_EQ(CountMatches(rule_set, {Item().Score(Scale::kNps, 0)}), (std::vector<size_t>{1, 1}));
}

TEST(Evaluate, OwnerAndSlaDefaultsAndOverrides) {
  struct Case {
    std::string_view name;
    std::string_view more;  // fields added to the rule
    CaseOwner::Kind owner;
    std::string_view owner_name;
    SlaHours sla;
  };
  const Case cases[] = {
      {"critical_defaults", R"(,"priority":"critical")", CaseOwner::Kind::kUnitManager, "", {4, 40}},
      {"high_defaults", R"(,"priority":"high")", CaseOwner::Kind::kUnitManager, "", {24, 80}},
      {"normal_defaults", "", CaseOwner::Kind::kUnitManager, "", {48, 120}},
      {"low_defaults", R"(,"priority":"low")", CaseOwner::Kind::kUnitManager, "", {48, 160}},
      {"explicit_unit_manager", R"(,"owner":"unit_manager")", CaseOwner::Kind::kUnitManager, "", {48, 120}},
      {"named_user", R"(,"owner":"user:piet@example.nl")", CaseOwner::Kind::kUser, "piet@example.nl", {48, 120}},
      {"queue", R"(,"owner":"queue:retention")", CaseOwner::Kind::kQueue, "retention", {48, 120}},
      {"first_contact_override_keeps_resolution_default",
       R"(,"priority":"critical","sla":{"first_contact_hours":2})",
       CaseOwner::Kind::kUnitManager,
       "",
       {2, 40}},
      {"both_overridden",
       R"(,"sla":{"first_contact_hours":8,"resolution_hours":16})",
       CaseOwner::Kind::kUnitManager,
       "",
       {8, 16}},
  };
  for (const Case& c : cases) {
    const auto decision = Evaluate(Parse(OneRule(R"({"sources":["survey"]})", c.more)), Item());
    ASSERT_TRUE(decision.has_value()) << c.name;
    EXPECT_EQ(decision->owner.kind, c.owner) << c.name;
    EXPECT_EQ(decision->owner.name, c.owner_name) << c.name;
    EXPECT_EQ(decision->sla.first_contact, c.sla.first_contact) << c.name;
    EXPECT_EQ(decision->sla.resolution, c.sla.resolution) << c.name;
  }
}

TEST(CountMatches, CountsPerRuleForThePreview) {
  const RuleSet& rules = DefaultRuleSet();
  const std::vector<RuleInput> last_month = {
      Item().Score(Scale::kNps, 2), Item().Score(Scale::kNps, 6),
      Item().Score(Scale::kNps, 9), Item().Source("complaint").Text("Ik wil opzeggen", "nl"),
      Item().Source("letter"),      Item().Source("review").Brand("Coolblue").Score(Scale::kStars5, 1),
  };
  // worst_scores, cancellation_or_legal, complaint_or_letter, unhappy_answer.
  EXPECT_EQ(CountMatches(rules, last_month), (std::vector<size_t>{1, 1, 2, 2}));
  EXPECT_EQ(CountMatches(rules, {}), (std::vector<size_t>{0, 0, 0, 0}));
}

// ---- The default rule set on realistic items -------------------------------------------------------

struct DefaultCase {
  std::string_view name;
  RuleInput input;
  std::vector<std::string> matched_rules;  // empty: no case
};

std::vector<DefaultCase> DefaultCases() {
  return {
      {"dutch_detractor_at_2",
       Item().Score(Scale::kNps, 2).Text("Drie keer gebeld en niemand belt terug.", "nl"),
       {"worst_scores", "unhappy_answer"}},
      {"english_detractor_at_6",
       Item().Score(Scale::kNps, 6).Text("The parcel came two days late.", "en"),
       {"unhappy_answer"}},
      {"passive_at_7", Item().Score(Scale::kNps, 7).Text("Prima, maar het kan sneller.", "nl"), {}},
      {"grade10_fail_at_5", Item().Score(Scale::kGrade10, 5), {"unhappy_answer"}},
      {"grade10_3_is_the_worst", Item().Score(Scale::kGrade10, 3), {"worst_scores", "unhappy_answer"}},
      {"grade10_pass_at_6", Item().Score(Scale::kGrade10, 6), {}},
      {"csat5_1_is_the_worst", Item().Score(Scale::kCsat5, 1), {"worst_scores", "unhappy_answer"}},
      {"dutch_cancellation_complaint",
       Item().Source("complaint").Text("Na drie maanden wachten wil ik mijn abonnement opzeggen.", "nl"),
       {"cancellation_or_legal", "complaint_or_letter"}},
      {"dutch_legal_letter_without_language",
       Item().Source("letter").Text("Mijn advocaat neemt contact met u op."),
       {"cancellation_or_legal", "complaint_or_letter"}},
      {"english_legal_threat_in_a_survey",
       Item().Score(Scale::kNps, 4).Text("If this is not fixed I will take legal action.", "en"),
       {"cancellation_or_legal", "unhappy_answer"}},
      {"english_cancellation_from_an_employee",
       Item().Source("employee").Text("Customer says she wants to cancel her contract", "en"),
       {"cancellation_or_legal"}},
      {"dutch_ik_zeg_op", Item().Source("social").Text("Klaar mee, ik zeg op!!", "nl"), {"cancellation_or_legal"}},
      {"dutch_zeg_mijn_abonnement_op",
       Item().Source("social").Text("Ik zeg mijn abonnement op.", "nl"),
       {"cancellation_or_legal"}},
      {"happy_promoter", Item().Score(Scale::kNps, 10).Text("Top service, dank jullie wel!", "nl"), {}},
      {"competitor_review_is_not_ours",
       Item().Source("review").Brand("Coolblue").Score(Scale::kStars5, 1).Text("I will cancel my order", "en"),
       {}},
      {"unhappy_review_has_no_default_rule", Item().Source("review").Score(Scale::kStars5, 2), {}},
  };
}

class DefaultRuleSetTest : public testing::TestWithParam<DefaultCase> {};

TEST_P(DefaultRuleSetTest, OpensTheExpectedCase) {
  const auto decision = Evaluate(DefaultRuleSet(), GetParam().input);
  if (GetParam().matched_rules.empty()) {
    EXPECT_FALSE(decision.has_value()) << decision->matched_rules.front();
    return;
  }
  ASSERT_TRUE(decision.has_value());
  EXPECT_EQ(decision->matched_rules, GetParam().matched_rules);
}

INSTANTIATE_TEST_SUITE_P(Realistic, DefaultRuleSetTest, testing::ValuesIn(DefaultCases()),
                         [](const testing::TestParamInfo<DefaultCase>& info) { return std::string(info.param.name); });

TEST(DefaultRuleSet, PrioritiesOwnersAndJoinWindow) {
  const RuleSet& rules = DefaultRuleSet();
  ASSERT_EQ(rules.rules.size(), 4U);
  const Priority expected[] = {Priority::kCritical, Priority::kHigh, Priority::kNormal, Priority::kNormal};
  for (size_t i = 0; i < rules.rules.size(); ++i) {
    EXPECT_EQ(rules.rules[i].priority, expected[i]) << rules.rules[i].key;
    EXPECT_EQ(rules.rules[i].owner.kind, CaseOwner::Kind::kUnitManager) << rules.rules[i].key;
    EXPECT_TRUE(rules.rules[i].enabled) << rules.rules[i].key;
    EXPECT_EQ(rules.rules[i].conditions.brands, std::vector<std::string>{"own"}) << rules.rules[i].key;
  }
  EXPECT_EQ(rules.join.window, kMicrosPerSecond * 3600 * 24 * 7);
  const auto worst = Evaluate(rules, Item().Score(Scale::kNps, 0));
  ASSERT_TRUE(worst.has_value());
  EXPECT_EQ(worst->sla.first_contact, 4);
}

// ---- JSON ------------------------------------------------------------------------------------------

struct ParseErrorCase {
  std::string_view name;
  std::string json;
  std::string field;  // the field the error names
};

std::vector<ParseErrorCase> ParseErrorCases() {
  const std::string unhappy = R"({"classes":["unhappy"]})";
  const auto rule = [](std::string_view fields) { return R"({"rules":[)" + std::string(fields) + "]}"; };
  return {
      {"not_json", "{", ""},
      {"not_an_object", "[]", ""},
      {"unknown_root_field", R"({"rules":[],"rule":[]})", "rule"},
      {"no_rules", "{}", "rules"},
      {"join_window_negative", R"({"join_window_days":-1,"rules":[]})", "join_window_days"},
      {"join_window_too_long", R"({"join_window_days":91,"rules":[]})", "join_window_days"},
      {"join_window_fraction", R"({"join_window_days":1.5,"rules":[]})", "join_window_days"},
      {"quiet_not_object", R"({"quiet_days":90,"rules":[]})", "quiet_days"},
      {"quiet_zero", R"({"quiet_days":{"default":0},"rules":[]})", "quiet_days.default"},
      {"quiet_segment_too_long", R"({"quiet_days":{"segments":{"B2B":731}},"rules":[]})", "quiet_days.segments.B2B"},
      {"quiet_unknown_field", R"({"quiet_days":{"days":30},"rules":[]})", "quiet_days.days"},
      {"rule_not_object", rule("1"), "rules[0]"},
      {"missing_key", rule(R"({"name":"A","conditions":{"classes":["unhappy"]}})"), "rules[0].key"},
      {"malformed_key", rule(R"({"key":"Not OK","name":"A","conditions":{"classes":["unhappy"]}})"), "rules[0].key"},
      {"duplicate_key",
       rule(R"({"key":"a","name":"A","conditions":{"classes":["unhappy"]}},)"
            R"({"key":"b","name":"B","conditions":{"classes":["unhappy"]}},)"
            R"({"key":"a","name":"C","conditions":{"classes":["unhappy"]}})"),
       "rules[2].key"},
      {"unknown_rule_field", rule(R"({"key":"a","name":"A","colour":"red","conditions":{"classes":["unhappy"]}})"),
       "rules[0].colour"},
      {"missing_name", rule(R"({"key":"a","conditions":{"classes":["unhappy"]}})"), "rules[0].name"},
      {"blank_name", rule(R"({"key":"a","name":"  ","conditions":{"classes":["unhappy"]}})"), "rules[0].name"},
      {"enabled_not_boolean", rule(R"({"key":"a","name":"A","enabled":"yes","conditions":{"classes":["unhappy"]}})"),
       "rules[0].enabled"},
      {"unknown_priority", rule(R"({"key":"a","name":"A","priority":"urgent","conditions":{"classes":["unhappy"]}})"),
       "rules[0].priority"},
      {"missing_conditions", OneRule("null"), "rules[0].conditions"},
      {"no_condition", OneRule("{}"), "rules[0].conditions"},
      {"brand_alone_is_no_condition", OneRule(R"({"brands":["*"]})"), "rules[0].conditions"},
      {"unknown_condition", OneRule(R"({"class":["unhappy"]})"), "rules[0].conditions.class"},
      {"unknown_class", OneRule(R"({"classes":["unhappy","sad"]})"), "rules[0].conditions.classes[1]"},
      {"classes_not_array", OneRule(R"({"classes":"unhappy"})"), "rules[0].conditions.classes"},
      {"score_unknown_scale", OneRule(R"({"scores":[{"scale":"nps10","min":0,"max":6}]})"),
       "rules[0].conditions.scores[0].scale"},
      {"score_max_outside_scale",
       OneRule(R"({"scores":[{"scale":"nps","min":0,"max":6},{"scale":"nps","min":0,"max":11}]})"),
       "rules[0].conditions.scores[1].max"},
      {"score_min_outside_grade10", OneRule(R"({"scores":[{"scale":"grade10","min":0,"max":5}]})"),
       "rules[0].conditions.scores[0].min"},
      {"score_min_above_max", OneRule(R"({"scores":[{"scale":"csat5","min":3,"max":2}]})"),
       "rules[0].conditions.scores[0].min"},
      {"score_missing_bound", OneRule(R"({"scores":[{"scale":"csat5","min":1}]})"),
       "rules[0].conditions.scores[0].max"},
      {"score_unknown_field", OneRule(R"({"scores":[{"scale":"csat5","min":1,"max":2,"step":1}]})"),
       "rules[0].conditions.scores[0].step"},
      {"unknown_source", OneRule(R"({"sources":["complaint","email"]})"), "rules[0].conditions.sources[1]"},
      {"malformed_topic", OneRule(R"({"topics":["Waiting Time"]})"), "rules[0].conditions.topics[0]"},
      {"unknown_sentiment_label", OneRule(R"({"sentiment_labels":["angry"]})"),
       "rules[0].conditions.sentiment_labels[0]"},
      {"sentiment_outside_range", OneRule(R"({"max_sentiment":-1.5})"), "rules[0].conditions.max_sentiment"},
      {"sentiment_not_number", OneRule(R"({"max_sentiment":"low"})"), "rules[0].conditions.max_sentiment"},
      {"empty_word", OneRule(R"({"words":["opzeggen",""]})"), "rules[0].conditions.words[1]"},
      {"word_with_punctuation", OneRule(R"({"words":["cancel!"]})"), "rules[0].conditions.words[0]"},
      {"word_with_digits_only", OneRule(R"({"words":["112"]})"), "rules[0].conditions.words[0]"},
      {"word_not_string", OneRule(R"({"words":[3]})"), "rules[0].conditions.words[0]"},
      {"attributes_not_object", OneRule(R"({"customer_attributes":["tier"]})"),
       "rules[0].conditions.customer_attributes"},
      {"attribute_without_values", OneRule(R"({"customer_attributes":{"tier":[]}})"),
       "rules[0].conditions.customer_attributes.tier"},
      {"attribute_value_not_string", OneRule(R"({"customer_attributes":{"tier":["gold",1]}})"),
       "rules[0].conditions.customer_attributes.tier[1]"},
      {"empty_unit", OneRule(R"({"units":[""]})"), "rules[0].conditions.units[0]"},
      {"no_brands", OneRule(R"({"classes":["unhappy"],"brands":[]})"), "rules[0].conditions.brands"},
      {"owner_unknown_form", OneRule(unhappy, R"(,"owner":"manager")"), "rules[0].owner"},
      {"owner_user_without_email", OneRule(unhappy, R"(,"owner":"user:piet")"), "rules[0].owner"},
      {"owner_empty_queue", OneRule(unhappy, R"(,"owner":"queue:")"), "rules[0].owner"},
      {"sla_not_object", OneRule(unhappy, R"(,"sla":4)"), "rules[0].sla"},
      {"sla_zero_hours", OneRule(unhappy, R"(,"sla":{"first_contact_hours":0})"), "rules[0].sla.first_contact_hours"},
      {"sla_too_many_hours", OneRule(unhappy, R"(,"sla":{"resolution_hours":2001})"), "rules[0].sla.resolution_hours"},
      {"sla_resolution_before_first_contact",
       OneRule(unhappy, R"(,"sla":{"first_contact_hours":8,"resolution_hours":4})"), "rules[0].sla.resolution_hours"},
      {"sla_first_contact_after_default_resolution",
       OneRule(unhappy, R"(,"priority":"critical","sla":{"first_contact_hours":48})"),
       "rules[0].sla.first_contact_hours"},
      {"sla_unknown_field", OneRule(unhappy, R"(,"sla":{"first_response_hours":4})"),
       "rules[0].sla.first_response_hours"},
  };
}

class RuleSetParseErrorTest : public testing::TestWithParam<ParseErrorCase> {};

TEST_P(RuleSetParseErrorTest, NamesTheField) {
  const Result<RuleSet> parsed = ParseRuleSet(GetParam().json);
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(parsed.error().field, GetParam().field) << parsed.error().ToString();
  EXPECT_FALSE(parsed.error().message.empty());
}

INSTANTIATE_TEST_SUITE_P(Table, RuleSetParseErrorTest, testing::ValuesIn(ParseErrorCases()),
                         [](const testing::TestParamInfo<ParseErrorCase>& info) {
                           return std::string(info.param.name);
                         });

TEST(RuleSetJson, QuietDaysPerSegmentRoundTrip) {
  const RuleSet rule_set = Parse(R"({"quiet_days":{"default":120,"segments":{"B2B":45}},"rules":[]})");
  EXPECT_EQ(rule_set.quiet.DaysFor("B2B"), 45);
  EXPECT_EQ(rule_set.quiet.DaysFor("B2C"), 120);
  EXPECT_EQ(rule_set.quiet.DaysFor(""), 120);
  const RuleSet again = Parse(RuleSetToJson(rule_set));
  EXPECT_EQ(again.quiet.default_days, 120);
  EXPECT_EQ(again.quiet.days_by_segment, (std::map<std::string, int>{{"B2B", 45}}));
  EXPECT_EQ(Parse(R"({"rules":[]})").quiet.DaysFor("B2B"), 90);  // left out: 90 days for everyone
  EXPECT_EQ(DefaultRuleSet().quiet.DaysFor("B2B"), 60);
}

TEST(RuleSetJson, ErrorMessagesSayWhatWasWrong) {
  const Result<RuleSet> parsed = ParseRuleSet(OneRule(R"({"scores":[{"scale":"nps","min":0,"max":11}]})"));
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().ToString(), "rules[0].conditions.scores[0].max: 11 is outside 0..10 for scale nps");
}

TEST(RuleSetJson, ParsesEveryField) {
  const RuleSet rule_set = Parse(R"({"join_window_days":3,"rules":[{"key":"gold_cancel","name":"Gold customers leaving",
      "enabled":false,"priority":"high",
      "conditions":{"classes":["fail"],"scores":[{"scale":"nps","min":0,"max":6}],"sources":["survey","complaint"],
                    "topics":["price"],"sentiment_labels":["negative"],"max_sentiment":-0.25,
                    "words":["opzeggen","ik zeg op"],"customer_attributes":{"tier":["gold"]},"units":["north"],
                    "brands":["own","bol"]},
      "owner":"user:anna@example.nl","sla":{"first_contact_hours":8,"resolution_hours":40}}]})");
  EXPECT_EQ(rule_set.join.window, kMicrosPerSecond * 3600 * 24 * 3);
  ASSERT_EQ(rule_set.rules.size(), 1U);
  const CaseRule& rule = rule_set.rules[0];
  EXPECT_EQ(rule.key, "gold_cancel");
  EXPECT_EQ(rule.name, "Gold customers leaving");
  EXPECT_FALSE(rule.enabled);
  EXPECT_EQ(rule.priority, Priority::kHigh);
  const CaseConditions& c = rule.conditions;
  EXPECT_EQ(c.classes, std::vector<std::string>{"fail"});
  ASSERT_EQ(c.scores.size(), 1U);
  EXPECT_EQ(c.scores[0].scale, Scale::kNps);
  EXPECT_EQ(c.scores[0].min, 0);
  EXPECT_EQ(c.scores[0].max, 6);
  EXPECT_EQ(c.sources, (std::vector<std::string>{"survey", "complaint"}));
  EXPECT_EQ(c.topics, std::vector<std::string>{"price"});
  EXPECT_EQ(c.sentiment_labels, std::vector<std::string>{"negative"});
  EXPECT_EQ(c.max_sentiment, -0.25);
  EXPECT_EQ(c.words, (std::vector<std::string>{"opzeggen", "ik zeg op"}));
  EXPECT_EQ(c.customer_attributes.at("tier"), std::vector<std::string>{"gold"});
  EXPECT_EQ(c.units, std::vector<std::string>{"north"});
  EXPECT_EQ(c.brands, (std::vector<std::string>{"own", "bol"}));
  EXPECT_EQ(OwnerSpec(rule.owner), "user:anna@example.nl");
  EXPECT_EQ(rule.first_contact_hours, 8);
  EXPECT_EQ(rule.resolution_hours, 40);

  // The JSON form reads back to the same rules.
  const std::string json = RuleSetToJson(rule_set);
  EXPECT_EQ(RuleSetToJson(Parse(json)), json);
}

TEST(RuleSetJson, DefaultsAreWrittenOutButTheSlaOnlyWhenOverridden) {
  const RuleSet rule_set = Parse(OneRule(R"({"sources":["letter"]})"));
  const std::string json = RuleSetToJson(rule_set);
  EXPECT_NE(json.find(R"("enabled": true)"), std::string::npos) << json;
  EXPECT_NE(json.find(R"("priority": "normal")"), std::string::npos) << json;
  EXPECT_NE(json.find(R"("owner": "unit_manager")"), std::string::npos) << json;
  EXPECT_NE(json.find(R"("brands": [)"), std::string::npos) << json;
  EXPECT_NE(json.find(R"("join_window_days": 7)"), std::string::npos) << json;
  EXPECT_EQ(json.find("sla"), std::string::npos) << json;
}

TEST(RuleSetJson, DefaultRuleSetRoundTrips) {
  const std::string json = RuleSetToJson(DefaultRuleSet());
  EXPECT_EQ(RuleSetToJson(Parse(json)), json);
}

TEST(Priority, NamesRoundTrip) {
  for (const Priority p : {Priority::kCritical, Priority::kHigh, Priority::kNormal, Priority::kLow}) {
    EXPECT_EQ(ParsePriority(PriorityName(p)), p);
  }
  EXPECT_FALSE(ParsePriority("urgent").has_value());
}

// ---- Joining ---------------------------------------------------------------------------------------

TEST(ShouldJoin, WithinTheWindowAroundTheCaseOpening) {
  constexpr Micros kDay = kMicrosPerSecond * 3600 * 24;
  constexpr Micros kOpened = 1'000 * kDay;
  const JoinPolicy week;  // the default
  const JoinPolicy off{0};
  struct Case {
    std::string_view name;
    const JoinPolicy& policy;
    Micros item_at;
    bool joins;
  };
  const Case cases[] = {
      {"same_moment", week, kOpened, true},
      {"next_day", week, kOpened + kDay, true},
      {"exactly_seven_days", week, kOpened + 7 * kDay, true},
      {"just_after_the_window", week, kOpened + 7 * kDay + 1, false},
      {"a_month_later", week, kOpened + 30 * kDay, false},
      {"late_import_from_before_the_case", week, kOpened - 3 * kDay, true},
      {"import_from_long_before", week, kOpened - 8 * kDay, false},
      {"joining_off", off, kOpened, false},
  };
  for (const Case& c : cases) EXPECT_EQ(ShouldJoin(c.policy, kOpened, c.item_at), c.joins) << c.name;
}

}  // namespace
}  // namespace ks::cases
