// The case-opening rules at work (see case_rules.h): a rule set evaluated against one item, the
// preview counts, priorities, SLA defaults and joining. The JSON form is in case_rules_json.cc.
#include "cases/case_rules.h"

#include <algorithm>
#include <cstdint>
#include <utility>

#include "text/folding.h"
#include "text/stemmer.h"
#include "text/tokenizer.h"

namespace ks::cases {
namespace {

// A rule ready to run: its class filters parsed and its words and phrases split into folded words.
struct CompiledRule {
  const CaseRule* rule = nullptr;
  std::vector<ClassFilter> classes;
  std::vector<std::vector<std::string>> words;
};

CompiledRule Compile(const CaseRule& rule) {
  CompiledRule compiled{&rule, {}, {}};
  for (const std::string& name : compiled.rule->conditions.classes) {
    if (const std::optional<ClassFilter> filter = ParseClassFilter(name)) compiled.classes.push_back(*filter);
  }
  for (const std::string& entry : compiled.rule->conditions.words) {
    std::vector<std::string> folded;
    for (text::Token& token : text::Tokenize(entry).tokens) {
      if (token.kind == text::TokenKind::kWord) folded.push_back(std::move(token.norm));
    }
    if (!folded.empty()) compiled.words.push_back(std::move(folded));
  }
  return compiled;
}

// One item as the rules see it. Its text is tokenized, and its words stemmed per language, only when a
// rule with words asks.
class ItemView {
 public:
  explicit ItemView(const RuleInput& input) : input_(input) {}

  const RuleInput& input() const { return input_; }

  // True when the text contains `pattern` (folded words): one word by its stem, several as consecutive words.
  bool Contains(const std::vector<std::string>& pattern) {
    if (!tokenized_) Tokenize();
    if (pattern.size() > 1) return ContainsPhrase(pattern);
    for (const std::string& language : languages_) {
      const std::string stem = text::Stem(language, pattern[0]);
      const std::vector<std::string>& stems = StemsIn(language);
      if (std::find(stems.begin(), stems.end(), stem) != stems.end()) return true;
    }
    return false;
  }

 private:
  void Tokenize() {
    tokenized_ = true;
    for (text::Token& token : text::Tokenize(input_.feedback.text).tokens) {
      // Anything but a word separates words, so that phrases do not match across it.
      norms_.push_back(token.kind == text::TokenKind::kWord ? std::move(token.norm) : std::string());
    }
    std::string language = input_.analysis ? input_.analysis->language : std::string();
    if (language.empty()) language = input_.feedback.language;
    if (language.empty()) {
      languages_ = {"nl", "en"};  // as the topic matcher does for a text of unknown language
    } else {
      languages_ = {std::move(language)};
    }
  }

  bool ContainsPhrase(const std::vector<std::string>& pattern) const {
    for (size_t i = 0; i + pattern.size() <= norms_.size(); ++i) {
      if (std::equal(pattern.begin(), pattern.end(), norms_.begin() + static_cast<std::ptrdiff_t>(i))) return true;
    }
    return false;
  }

  const std::vector<std::string>& StemsIn(const std::string& language) {
    auto [it, inserted] = stems_.try_emplace(language);
    if (inserted) {
      for (const std::string& norm : norms_) it->second.push_back(norm.empty() ? norm : text::Stem(language, norm));
    }
    return it->second;
  }

  const RuleInput& input_;
  bool tokenized_ = false;
  std::vector<std::string> norms_;  // per token: the folded word, empty for anything else
  std::vector<std::string> languages_;
  std::map<std::string, std::vector<std::string>> stems_;  // language → per token: its stem, empty as in norms_
};

bool Contains(const std::vector<std::string>& list, std::string_view value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

bool ContainsFolded(const std::vector<std::string>& list, std::string_view value) {
  const std::string folded = text::Fold(value);
  return std::any_of(list.begin(), list.end(), [&](const std::string& v) { return text::Fold(v) == folded; });
}

bool InClass(const ClassFilter& filter, const Score& score) {
  if (score.mood() != filter.mood) return false;
  if (filter.scale && *filter.scale != score.scale) return false;
  return !filter.five_point_scales || score.scale == Scale::kCsat5 || score.scale == Scale::kStars5;
}

bool ScoreMatches(const CompiledRule& compiled, const std::optional<Score>& score) {
  const CaseConditions& c = compiled.rule->conditions;
  if (c.classes.empty() && c.scores.empty()) return true;
  if (!score) return false;
  const auto in_class = [&](const ClassFilter& filter) { return InClass(filter, *score); };
  const auto in_range = [&](const ScoreRange& r) {
    return r.scale == score->scale && score->value >= r.min && score->value <= r.max;
  };
  return std::any_of(compiled.classes.begin(), compiled.classes.end(), in_class) ||
         std::any_of(c.scores.begin(), c.scores.end(), in_range);
}

bool UnitMatches(const CaseConditions& c, const RuleInput& input) {
  if (c.units.empty()) return true;
  if (!input.feedback.unit.empty() && Contains(c.units, input.feedback.unit)) return true;
  return std::any_of(input.unit_ancestors.begin(), input.unit_ancestors.end(),
                     [&](const std::string& code) { return Contains(c.units, code); });
}

bool AttributesMatch(const CaseConditions& c, const RuleInput& input) {
  return std::all_of(c.customer_attributes.begin(), c.customer_attributes.end(), [&](const auto& condition) {
    const auto it = input.customer_attributes.find(condition.first);
    return it != input.customer_attributes.end() && ContainsFolded(condition.second, it->second);
  });
}

bool AnalysisMatches(const CaseConditions& c, const std::optional<text::TextAnalysis>& analysis) {
  if (c.topics.empty() && c.sentiment_labels.empty() && !c.max_sentiment) return true;
  if (!analysis) return false;
  if (!c.topics.empty() && std::none_of(analysis->topics.begin(), analysis->topics.end(),
                                        [&](const text::TopicSentiment& t) { return Contains(c.topics, t.key); })) {
    return false;
  }
  if (!c.sentiment_labels.empty() && !Contains(c.sentiment_labels, analysis->sentiment_label)) return false;
  return !c.max_sentiment || analysis->sentiment <= *c.max_sentiment;
}

// Cheap conditions first; the words last, since they tokenize the text.
bool Matches(const CompiledRule& compiled, ItemView& item) {
  const CaseConditions& c = compiled.rule->conditions;
  const RuleInput& input = item.input();
  if (!Contains(c.brands, kAnyBrand) && !ContainsFolded(c.brands, input.feedback.brand)) return false;
  if (!c.sources.empty() && !Contains(c.sources, input.feedback.source)) return false;
  if (!ScoreMatches(compiled, input.feedback.score)) return false;
  if (!UnitMatches(c, input) || !AttributesMatch(c, input)) return false;
  if (!AnalysisMatches(c, input.analysis)) return false;
  if (compiled.words.empty()) return true;
  return std::any_of(compiled.words.begin(), compiled.words.end(),
                     [&](const std::vector<std::string>& pattern) { return item.Contains(pattern); });
}

}  // namespace

std::string_view PriorityName(Priority priority) {
  switch (priority) {
    case Priority::kCritical: return "critical";
    case Priority::kHigh: return "high";
    case Priority::kNormal: return "normal";
    case Priority::kLow: return "low";
  }
  return "normal";
}

std::optional<Priority> ParsePriority(std::string_view name) {
  for (const Priority p : {Priority::kCritical, Priority::kHigh, Priority::kNormal, Priority::kLow}) {
    if (PriorityName(p) == name) return p;
  }
  return std::nullopt;
}

SlaHours DefaultSla(Priority priority) {
  switch (priority) {
    case Priority::kCritical: return {4, 40};
    case Priority::kHigh: return {24, 80};
    case Priority::kNormal: return {48, 120};
    case Priority::kLow: return {48, 160};
  }
  return {48, 120};
}

bool ShouldJoin(const JoinPolicy& policy, Micros case_opened_at, Micros item_at) {
  if (policy.window <= 0) return false;
  const Micros distance = item_at >= case_opened_at ? item_at - case_opened_at : case_opened_at - item_at;
  return distance <= policy.window;
}

std::optional<CaseDecision> Evaluate(const RuleSet& rule_set, const RuleInput& input) {
  ItemView item(input);
  std::vector<CompiledRule> matched;
  for (const CaseRule& rule : rule_set.rules) {
    if (!rule.enabled) continue;
    CompiledRule compiled = Compile(rule);
    if (Matches(compiled, item)) matched.push_back(std::move(compiled));
  }
  if (matched.empty()) return std::nullopt;
  std::stable_sort(matched.begin(), matched.end(),
                   [](const CompiledRule& a, const CompiledRule& b) { return a.rule->priority < b.rule->priority; });
  const CaseRule& winner = *matched.front().rule;
  const SlaHours defaults = DefaultSla(winner.priority);
  CaseDecision decision{winner.priority,
                        winner.owner,
                        {winner.first_contact_hours.value_or(defaults.first_contact),
                         winner.resolution_hours.value_or(defaults.resolution)},
                        {}};
  for (const CompiledRule& compiled : matched) decision.matched_rules.push_back(compiled.rule->key);
  return decision;
}

std::vector<size_t> CountMatches(const RuleSet& rule_set, const std::vector<RuleInput>& inputs) {
  std::vector<CompiledRule> compiled;
  for (const CaseRule& rule : rule_set.rules) compiled.push_back(Compile(rule));
  std::vector<size_t> counts(compiled.size(), 0);
  for (const RuleInput& input : inputs) {
    ItemView item(input);
    for (size_t i = 0; i < compiled.size(); ++i) {
      if (Matches(compiled[i], item)) ++counts[i];
    }
  }
  return counts;
}

}  // namespace ks::cases
