// The JSON form of the case-opening rules (see case_rules.h): parsing with a clear error for every
// field, writing, and the rule set klantstem starts with.
#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>
#include <utility>

#include "base/json_helpers.h"
#include "base/strings.h"
#include "cases/case_rules.h"
#include "text/folding.h"
#include "text/tokenizer.h"

namespace ks::cases {
namespace {

using nlohmann::json;

constexpr size_t kMaxRules = 100;
constexpr size_t kMaxKeyLength = 40;
constexpr size_t kMaxNameLength = 100;
constexpr size_t kMaxListLength = 200;
constexpr size_t kMaxValueLength = 100;
constexpr size_t kMaxAttributeKeyLength = 64;
constexpr size_t kMaxEmailLength = 254;
constexpr std::int64_t kMaxJoinWindowDays = 90;
constexpr Micros kMicrosPerDay = kMicrosPerSecond * 3600 * 24;

constexpr std::string_view kUnitManager = "unit_manager";
constexpr std::string_view kUserPrefix = "user:";
constexpr std::string_view kQueuePrefix = "queue:";

// The rules klantstem starts with (see DefaultRuleSet).
constexpr std::string_view kDefaultRuleSet = R"({
  "join_window_days": 7,
  "quiet_days": {"default": 90, "segments": {"B2B": 60}},
  "rules": [
    {"key": "worst_scores", "name": "The unhappiest customers", "priority": "critical",
     "conditions": {"scores": [{"scale": "nps", "min": 0, "max": 3}, {"scale": "grade10", "min": 1, "max": 3},
                               {"scale": "csat5", "min": 1, "max": 1}, {"scale": "stars5", "min": 1, "max": 1}]}},
    {"key": "cancellation_or_legal", "name": "Cancellation or legal action", "priority": "high",
     "conditions": {"words": ["opzeggen", "opgezegd", "ik zeg op", "zeg mijn abonnement op", "zeg mijn contract op",
                              "zeg mijn lidmaatschap op", "annuleren", "overstappen", "advocaat", "jurist",
                              "juridische stappen", "rechtszaak", "ombudsman", "geschillencommissie",
                              "cancel", "terminate", "lawyer", "attorney", "legal action", "sue", "lawsuit"]}},
    {"key": "complaint_or_letter", "name": "Every complaint and complaint letter", "priority": "normal",
     "conditions": {"sources": ["complaint", "letter"]}},
    {"key": "unhappy_answer", "name": "Unhappy survey answer", "priority": "normal",
     "conditions": {"sources": ["survey"], "classes": ["unhappy"]}}
  ]
})";

// "rules[0]" + "key" → "rules[0].key".
std::string FieldOf(const std::string& parent, std::string_view child) {
  std::string field = parent;
  field += '.';
  field += child;
  return field;
}

std::string Indexed(const std::string& field, size_t i) { return field + "[" + std::to_string(i) + "]"; }

bool IsValidKey(std::string_view key) {
  if (key.empty() || key.size() > kMaxKeyLength) return false;
  return std::all_of(key.begin(), key.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

// The value of an integer JSON number, saturated to the int64 range; nullopt for anything else.
std::optional<std::int64_t> IntegerOf(const json& value) {
  if (value.is_number_unsigned()) {
    const auto u = value.get<std::uint64_t>();
    return u > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())
               ? std::numeric_limits<std::int64_t>::max()
               : static_cast<std::int64_t>(u);
  }
  if (value.is_number_integer()) return value.get<std::int64_t>();
  return std::nullopt;
}

Result<int> ParseIntIn(const json& value, const std::string& field, std::int64_t min, std::int64_t max) {
  const std::optional<std::int64_t> n = IntegerOf(value);
  if (!n || *n < min || *n > max) {
    return Error::Invalid(field, "must be a whole number from " + std::to_string(min) + " to " + std::to_string(max));
  }
  return static_cast<int>(*n);
}

// The member `name` of `object`, null when missing.
const json& Member(const json& object, const char* name) {
  static const json kNull;
  const auto it = object.find(name);
  return it == object.end() ? kNull : *it;
}

// A string of 1..kMaxValueLength characters, not blank.
Result<std::string> ParseValue(const json& value, const std::string& field) {
  if (!value.is_string()) return Error::Invalid(field, "must be a string, not " + JsonTypeName(value));
  const auto& s = value.get_ref<const std::string&>();
  if (Trim(s).empty()) return Error::Invalid(field, "must not be empty");
  if (CodePointCount(s) > kMaxValueLength) {
    return Error::Invalid(field, "must be at most " + std::to_string(kMaxValueLength) + " characters");
  }
  return s;
}

// A list of values, each checked by `check` (an error message, or empty when the value is fine).
template <typename Check>
Result<std::vector<std::string>> ParseList(const json& value, const std::string& field, const Check& check) {
  std::vector<std::string> out;
  if (value.is_null()) return out;
  if (!value.is_array()) return Error::Invalid(field, "must be an array of strings, not " + JsonTypeName(value));
  if (value.size() > kMaxListLength) {
    return Error::Invalid(
        field, "has " + std::to_string(value.size()) + " entries; the limit is " + std::to_string(kMaxListLength));
  }
  for (size_t i = 0; i < value.size(); ++i) {
    KS_ASSIGN_OR_RETURN(std::string item, ParseValue(value[i], Indexed(field, i)));
    if (std::string problem = check(item); !problem.empty()) return Error::Invalid(Indexed(field, i), problem);
    out.push_back(std::move(item));
  }
  return out;
}

std::string AnyValue(std::string_view) { return {}; }

std::string CheckClass(std::string_view name) {
  if (ParseClassFilter(name)) return {};
  return "unknown class \"" + std::string(name) +
         "\" (use unhappy, neutral, happy, detractor, passive, promoter, fail, pass, good, negative or positive)";
}

std::string CheckSource(std::string_view source) {
  if (std::find(std::begin(kSources), std::end(kSources), source) != std::end(kSources)) return {};
  return "unknown source \"" + std::string(source) +
         "\" (use survey, complaint, review, social, employee, letter or exit)";
}

std::string CheckTopic(std::string_view key) {
  return IsValidKey(key) ? std::string() : "a topic key is 1..40 characters of a-z, 0-9 and _";
}

std::string CheckSentimentLabel(std::string_view label) {
  if (label == "negative" || label == "neutral" || label == "positive") return {};
  return "unknown sentiment label \"" + std::string(label) + "\" (use negative, neutral or positive)";
}

// Words conditions match on word tokens only, so an entry must consist of words.
std::string CheckWords(std::string_view entry) {
  for (const text::Token& token : text::Tokenize(entry).tokens) {
    if (token.kind != text::TokenKind::kWord) {
      return "must consist of words only (letters, no digits or punctuation), e.g. \"opzeggen\" or \"ik zeg op\"";
    }
  }
  return {};
}

Result<std::vector<ScoreRange>> ParseScores(const json& value, const std::string& field) {
  std::vector<ScoreRange> out;
  if (value.is_null()) return out;
  if (!value.is_array()) return Error::Invalid(field, "must be an array of score ranges, not " + JsonTypeName(value));
  for (size_t i = 0; i < value.size(); ++i) {
    const std::string where = Indexed(field, i);
    const json& range = value[i];
    if (!range.is_object()) {
      return Error::Invalid(
          where, "must be an object like {\"scale\":\"nps\",\"min\":0,\"max\":6}, not " + JsonTypeName(range));
    }
    if (auto known = RejectUnknownFields(range, {"scale", "min", "max"}); !known.ok()) {
      return known.error().WithFieldPrefix(where);
    }
    const json& scale_name = Member(range, "scale");
    const std::optional<Scale> scale =
        scale_name.is_string() ? ParseScale(scale_name.get_ref<const std::string&>()) : std::nullopt;
    if (!scale) return Error::Invalid(FieldOf(where, "scale"), "must be one of nps, grade10, csat5, stars5");
    ScoreRange parsed{*scale, 0, 0};
    for (auto [name, bound] : {std::pair{"min", &parsed.min}, std::pair{"max", &parsed.max}}) {
      const std::string bound_field = FieldOf(where, name);
      const std::optional<std::int64_t> n = IntegerOf(Member(range, name));
      if (!n) return Error::Invalid(bound_field, "must be a whole number");
      if (*n < ScaleMin(*scale) || *n > ScaleMax(*scale)) {
        return Error::Invalid(bound_field, std::to_string(*n) + " is outside " + std::to_string(ScaleMin(*scale)) +
                                               ".." + std::to_string(ScaleMax(*scale)) + " for scale " +
                                               std::string(ScaleName(*scale)));
      }
      *bound = static_cast<int>(*n);
    }
    if (parsed.min > parsed.max) return Error::Invalid(FieldOf(where, "min"), "must not be greater than max");
    out.push_back(parsed);
  }
  return out;
}

Result<std::map<std::string, std::vector<std::string>>> ParseCustomerAttributes(const json& value,
                                                                                const std::string& field) {
  std::map<std::string, std::vector<std::string>> out;
  if (value.is_null()) return out;
  if (!value.is_object()) {
    return Error::Invalid(field, "must be an object of attribute names to lists of values, not " + JsonTypeName(value));
  }
  for (const auto& [key, values] : value.items()) {
    const std::string where = FieldOf(field, key);
    if (Trim(key).empty() || key.size() > kMaxAttributeKeyLength) {
      return Error::Invalid(where,
                            "attribute names must be 1.." + std::to_string(kMaxAttributeKeyLength) + " characters");
    }
    KS_ASSIGN_OR_RETURN(std::vector<std::string> list, ParseList(values, where, AnyValue));
    if (list.empty()) return Error::Invalid(where, "must list at least one value");
    out.emplace(key, std::move(list));
  }
  return out;
}

bool HasCondition(const CaseConditions& c) {
  return !c.classes.empty() || !c.scores.empty() || !c.sources.empty() || !c.topics.empty() ||
         !c.sentiment_labels.empty() || c.max_sentiment.has_value() || !c.words.empty() ||
         !c.customer_attributes.empty() || !c.units.empty();
}

Result<CaseConditions> ParseConditions(const json& value, const std::string& field) {
  if (!value.is_object()) {
    return Error::Invalid(field, value.is_null() ? "is required" : "must be an object, not " + JsonTypeName(value));
  }
  if (auto known = RejectUnknownFields(value, {"classes", "scores", "sources", "topics", "sentiment_labels",
                                               "max_sentiment", "words", "customer_attributes", "units", "brands"});
      !known.ok()) {
    return known.error().WithFieldPrefix(field);
  }
  CaseConditions c;
  const auto list = [&](const char* name, auto check) {
    return ParseList(Member(value, name), FieldOf(field, name), check);
  };
  KS_ASSIGN_OR_RETURN(c.classes, list("classes", CheckClass));
  KS_ASSIGN_OR_RETURN(c.scores, ParseScores(Member(value, "scores"), FieldOf(field, "scores")));
  KS_ASSIGN_OR_RETURN(c.sources, list("sources", CheckSource));
  KS_ASSIGN_OR_RETURN(c.topics, list("topics", CheckTopic));
  KS_ASSIGN_OR_RETURN(c.sentiment_labels, list("sentiment_labels", CheckSentimentLabel));
  if (const json& max = Member(value, "max_sentiment"); !max.is_null()) {
    if (!max.is_number() || max.get<double>() < -1 || max.get<double>() > 1) {
      return Error::Invalid(FieldOf(field, "max_sentiment"), "must be a number from -1 to 1");
    }
    c.max_sentiment = max.get<double>();
  }
  KS_ASSIGN_OR_RETURN(c.words, list("words", CheckWords));
  KS_ASSIGN_OR_RETURN(c.customer_attributes, ParseCustomerAttributes(Member(value, "customer_attributes"),
                                                                     FieldOf(field, "customer_attributes")));
  KS_ASSIGN_OR_RETURN(c.units, list("units", AnyValue));
  if (const json& brands = Member(value, "brands"); !brands.is_null()) {
    KS_ASSIGN_OR_RETURN(c.brands, list("brands", AnyValue));
    if (c.brands.empty()) {
      return Error::Invalid(FieldOf(field, "brands"), "must name at least one brand (\"own\", or \"*\" for any)");
    }
  }
  if (!HasCondition(c)) {
    return Error::Invalid(field, "a rule needs at least one condition besides the brand (it would match every item)");
  }
  return c;
}

bool IsPlausibleEmail(std::string_view email) {
  const size_t at = email.find('@');
  return at != std::string_view::npos && at > 0 && at + 1 < email.size() &&
         email.find('@', at + 1) == std::string_view::npos && email.size() <= kMaxEmailLength &&
         email.find_first_of(" \t\r\n<>,;") == std::string_view::npos;
}

Result<CaseOwner> ParseOwner(const json& value, const std::string& field) {
  if (value.is_null()) return CaseOwner{};
  const std::string usage = "must be \"unit_manager\", \"user:<email>\" or \"queue:<name>\"";
  if (!value.is_string()) return Error::Invalid(field, usage + ", not " + JsonTypeName(value));
  const std::string_view spec = value.get_ref<const std::string&>();
  if (spec == kUnitManager) return CaseOwner{};
  if (spec.starts_with(kUserPrefix)) {
    const std::string_view email = spec.substr(kUserPrefix.size());
    if (!IsPlausibleEmail(email))
      return Error::Invalid(field, "\"" + std::string(email) + "\" is not an e-mail address");
    return CaseOwner{CaseOwner::Kind::kUser, std::string(email)};
  }
  if (spec.starts_with(kQueuePrefix)) {
    const std::string_view queue = spec.substr(kQueuePrefix.size());
    if (Trim(queue).empty() || CodePointCount(queue) > kMaxValueLength) {
      return Error::Invalid(field, "a queue name is 1.." + std::to_string(kMaxValueLength) + " characters");
    }
    return CaseOwner{CaseOwner::Kind::kQueue, std::string(queue)};
  }
  return Error::Invalid(field, usage);
}

Result<void> ParseSla(const json& value, const std::string& field, CaseRule& rule) {
  if (value.is_null()) return Ok();
  if (!value.is_object()) return Error::Invalid(field, "must be an object, not " + JsonTypeName(value));
  if (auto known = RejectUnknownFields(value, {"first_contact_hours", "resolution_hours"}); !known.ok()) {
    return known.error().WithFieldPrefix(field);
  }
  for (auto [name, hours] : {std::pair{"first_contact_hours", &rule.first_contact_hours},
                             std::pair{"resolution_hours", &rule.resolution_hours}}) {
    if (const json& member = Member(value, name); !member.is_null()) {
      KS_ASSIGN_OR_RETURN(*hours, ParseIntIn(member, FieldOf(field, name), 1, kMaxSlaHours));
    }
  }
  const SlaHours defaults = DefaultSla(rule.priority);
  const int first_contact = rule.first_contact_hours.value_or(defaults.first_contact);
  const int resolution = rule.resolution_hours.value_or(defaults.resolution);
  if (resolution < first_contact) {
    return Error::Invalid(FieldOf(field, rule.resolution_hours ? "resolution_hours" : "first_contact_hours"),
                          "the resolution deadline (" + std::to_string(resolution) +
                              " h) comes before the first-contact deadline (" + std::to_string(first_contact) + " h)");
  }
  return Ok();
}

Result<CaseRule> ParseRule(const json& value, const std::string& field, std::set<std::string>& keys) {
  if (!value.is_object()) return Error::Invalid(field, "must be an object, not " + JsonTypeName(value));
  if (auto known = RejectUnknownFields(value, {"key", "name", "enabled", "priority", "conditions", "owner", "sla"});
      !known.ok()) {
    return known.error().WithFieldPrefix(field);
  }
  CaseRule rule;
  const json& key = Member(value, "key");
  if (key.is_null()) return Error::Invalid(FieldOf(field, "key"), "is required");
  if (!key.is_string() || !IsValidKey(key.get_ref<const std::string&>())) {
    return Error::Invalid(FieldOf(field, "key"), "must be 1..40 characters of a-z, 0-9 and _");
  }
  rule.key = key.get<std::string>();
  if (!keys.insert(rule.key).second) {
    return Error::Invalid(FieldOf(field, "key"), "duplicate key \"" + rule.key + "\"");
  }
  const auto name = JsonString(value, "name", true, kMaxNameLength);
  if (!name.ok()) return name.error().WithFieldPrefix(field);
  if (Trim(*name).empty()) return Error::Invalid(FieldOf(field, "name"), "must not be empty");
  rule.name = *name;
  if (const json& enabled = Member(value, "enabled"); !enabled.is_null()) {
    if (!enabled.is_boolean()) return Error::Invalid(FieldOf(field, "enabled"), "must be true or false");
    rule.enabled = enabled.get<bool>();
  }
  if (const json& priority = Member(value, "priority"); !priority.is_null()) {
    const std::optional<Priority> parsed =
        priority.is_string() ? ParsePriority(priority.get_ref<const std::string&>()) : std::nullopt;
    if (!parsed) return Error::Invalid(FieldOf(field, "priority"), "must be one of critical, high, normal, low");
    rule.priority = *parsed;
  }
  KS_ASSIGN_OR_RETURN(rule.conditions, ParseConditions(Member(value, "conditions"), FieldOf(field, "conditions")));
  KS_ASSIGN_OR_RETURN(rule.owner, ParseOwner(Member(value, "owner"), FieldOf(field, "owner")));
  KS_RETURN_IF_ERROR(ParseSla(Member(value, "sla"), FieldOf(field, "sla"), rule));
  return rule;
}

}  // namespace

std::string OwnerSpec(const CaseOwner& owner) {
  switch (owner.kind) {
    case CaseOwner::Kind::kUnitManager: return std::string(kUnitManager);
    case CaseOwner::Kind::kUser: return std::string(kUserPrefix) + owner.name;
    case CaseOwner::Kind::kQueue: return std::string(kQueuePrefix) + owner.name;
  }
  return std::string(kUnitManager);
}

namespace {

Result<QuietPolicy> ParseQuietPolicy(const json& quiet) {
  if (!quiet.is_object()) return Error::Invalid("quiet_days", "must be an object like {\"default\":90}");
  if (auto known = RejectUnknownFields(quiet, {"default", "segments"}); !known.ok()) {
    return known.error().WithFieldPrefix("quiet_days");
  }
  QuietPolicy policy;
  if (const json& days = Member(quiet, "default"); !days.is_null()) {
    KS_ASSIGN_OR_RETURN(policy.default_days, ParseIntIn(days, "quiet_days.default", 1, kMaxQuietDays));
  }
  if (const json& segments = Member(quiet, "segments"); !segments.is_null()) {
    if (!segments.is_object()) return Error::Invalid("quiet_days.segments", "must map segments to days");
    for (const auto& [segment, days] : segments.items()) {
      KS_ASSIGN_OR_RETURN(policy.days_by_segment[segment],
                          ParseIntIn(days, "quiet_days.segments." + segment, 1, kMaxQuietDays));
    }
  }
  return policy;
}

}  // namespace

int QuietPolicy::DaysFor(const std::string& segment) const {
  auto it = days_by_segment.find(segment);
  return it == days_by_segment.end() ? default_days : it->second;
}

Result<RuleSet> ParseRuleSet(std::string_view text) {
  json root;
  try {
    root = json::parse(text);
  } catch (const json::parse_error& e) {
    return Error::Invalid("", std::string("invalid JSON: ") + e.what());
  }
  if (!root.is_object()) return Error::Invalid("", "must be an object with \"rules\", not " + JsonTypeName(root));
  KS_RETURN_IF_ERROR(RejectUnknownFields(root, {"join_window_days", "quiet_days", "rules"}));
  RuleSet rule_set;
  if (const json& days = Member(root, "join_window_days"); !days.is_null()) {
    KS_ASSIGN_OR_RETURN(const int parsed, ParseIntIn(days, "join_window_days", 0, kMaxJoinWindowDays));
    rule_set.join.window = parsed * kMicrosPerDay;
  }
  if (const json& quiet = Member(root, "quiet_days"); !quiet.is_null()) {
    KS_ASSIGN_OR_RETURN(rule_set.quiet, ParseQuietPolicy(quiet));
  }
  const json& rules = Member(root, "rules");
  if (!rules.is_array()) return Error::Invalid("rules", "must be an array of rules");
  if (rules.size() > kMaxRules) {
    return Error::Invalid("rules",
                          "has " + std::to_string(rules.size()) + " rules; the limit is " + std::to_string(kMaxRules));
  }
  std::set<std::string> keys;
  for (size_t i = 0; i < rules.size(); ++i) {
    KS_ASSIGN_OR_RETURN(CaseRule rule, ParseRule(rules[i], Indexed("rules", i), keys));
    rule_set.rules.push_back(std::move(rule));
  }
  return rule_set;
}

std::string RuleSetToJson(const RuleSet& rule_set) {
  using ordered = nlohmann::ordered_json;
  ordered rules = ordered::array();
  for (const CaseRule& rule : rule_set.rules) {
    const CaseConditions& c = rule.conditions;
    ordered conditions = ordered::object();
    const auto put = [&conditions](const char* name, const std::vector<std::string>& list) {
      if (!list.empty()) conditions[name] = list;
    };
    put("classes", c.classes);
    if (!c.scores.empty()) {
      ordered scores = ordered::array();
      for (const ScoreRange& r : c.scores)
        scores.push_back({{"scale", ScaleName(r.scale)}, {"min", r.min}, {"max", r.max}});
      conditions["scores"] = std::move(scores);
    }
    put("sources", c.sources);
    put("topics", c.topics);
    put("sentiment_labels", c.sentiment_labels);
    if (c.max_sentiment) conditions["max_sentiment"] = *c.max_sentiment;
    put("words", c.words);
    if (!c.customer_attributes.empty()) conditions["customer_attributes"] = c.customer_attributes;
    put("units", c.units);
    conditions["brands"] = c.brands;

    ordered out;
    out["key"] = rule.key;
    out["name"] = rule.name;
    out["enabled"] = rule.enabled;
    out["priority"] = PriorityName(rule.priority);
    out["conditions"] = std::move(conditions);
    out["owner"] = OwnerSpec(rule.owner);
    if (rule.first_contact_hours || rule.resolution_hours) {
      ordered sla = ordered::object();
      if (rule.first_contact_hours) sla["first_contact_hours"] = *rule.first_contact_hours;
      if (rule.resolution_hours) sla["resolution_hours"] = *rule.resolution_hours;
      out["sla"] = std::move(sla);
    }
    rules.push_back(std::move(out));
  }
  ordered root;
  root["join_window_days"] = rule_set.join.window / kMicrosPerDay;
  root["quiet_days"] = {{"default", rule_set.quiet.default_days}, {"segments", rule_set.quiet.days_by_segment}};
  root["rules"] = std::move(rules);
  return root.dump(2);
}

const RuleSet& DefaultRuleSet() {
  static const RuleSet rule_set = [] {
    Result<RuleSet> parsed = ParseRuleSet(kDefaultRuleSet);
    if (!parsed.ok()) throw std::logic_error("default case rules: " + parsed.error().ToString());
    return std::move(parsed).value();
  }();
  return rule_set;
}

}  // namespace ks::cases
