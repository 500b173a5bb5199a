#include "text/taxonomy.h"

#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>
#include <utility>

#include "base/embedded_file.h"
#include "base/json_helpers.h"
#include "text/tokenizer.h"

namespace ks::text {

const std::vector<EmbeddedFile>& EmbeddedDefaultTaxonomy();

namespace {

using nlohmann::json;

constexpr size_t kMaxKeyLength = 40;
constexpr size_t kMaxNameLength = 100;
constexpr size_t kMaxPhraseLength = 100;
constexpr size_t kMaxPhrasesPerLanguage = 500;

bool IsTaxonomyLanguage(std::string_view language) {
  return language == "nl" || language == "en" || language == "fr" || language == "de";
}

// "topics[0].keywords" + "nl" → "topics[0].keywords.nl".
std::string FieldOf(const std::string& parent, const std::string& child) {
  std::string field = parent;
  field += '.';
  field += child;
  return field;
}

bool IsValidKey(std::string_view key) {
  if (key.empty() || key.size() > kMaxKeyLength) return false;
  for (const char c : key) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

// A phrase must contain at least one word: matching is on the stems of its words.
bool HasWord(std::string_view phrase) {
  const Tokenized tokens = Tokenize(phrase);
  for (const Token& token : tokens.tokens) {
    if (token.kind == TokenKind::kWord) return true;
  }
  return false;
}

Result<std::map<std::string, std::string>> ParseNames(const json& value, const std::string& field) {
  std::map<std::string, std::string> names;
  if (value.is_null()) return names;
  if (!value.is_object()) {
    return Error::Invalid(field, "must be an object of languages to names, not " + JsonTypeName(value));
  }
  for (const auto& [language, name] : value.items()) {
    const std::string where = FieldOf(field, language);
    if (!IsTaxonomyLanguage(language)) return Error::Invalid(where, "unsupported language (use nl, en, fr or de)");
    if (!name.is_string()) return Error::Invalid(where, "must be a string, not " + JsonTypeName(name));
    const auto& text = name.get_ref<const std::string&>();
    if (text.empty() || text.size() > kMaxNameLength) {
      return Error::Invalid(where, "must be 1.." + std::to_string(kMaxNameLength) + " characters");
    }
    names.emplace(language, text);
  }
  return names;
}

Result<std::map<std::string, std::vector<std::string>>> ParsePhrases(const json& value, const std::string& field) {
  std::map<std::string, std::vector<std::string>> phrases;
  if (value.is_null()) return phrases;
  if (!value.is_object()) {
    return Error::Invalid(field, "must be an object of languages to lists of words, not " + JsonTypeName(value));
  }
  for (const auto& [language, list] : value.items()) {
    const std::string where = FieldOf(field, language);
    if (!IsTaxonomyLanguage(language)) return Error::Invalid(where, "unsupported language (use nl, en, fr or de)");
    if (!list.is_array()) return Error::Invalid(where, "must be an array of strings, not " + JsonTypeName(list));
    if (list.size() > kMaxPhrasesPerLanguage) {
      return Error::Invalid(where, "has " + std::to_string(list.size()) + " entries; the limit is " +
                                       std::to_string(kMaxPhrasesPerLanguage));
    }
    std::vector<std::string>& out = phrases[language];
    for (size_t i = 0; i < list.size(); ++i) {
      const std::string item = where + "[" + std::to_string(i) + "]";
      if (!list[i].is_string()) return Error::Invalid(item, "must be a string, not " + JsonTypeName(list[i]));
      const auto& phrase = list[i].get_ref<const std::string&>();
      if (phrase.size() > kMaxPhraseLength) {
        return Error::Invalid(item, "is longer than " + std::to_string(kMaxPhraseLength) + " bytes");
      }
      if (!HasWord(phrase)) return Error::Invalid(item, "must contain a word");
      out.push_back(phrase);
    }
  }
  return phrases;
}

Result<TopicDefinition> ParseTopic(const json& value, const std::string& field, std::set<std::string>& keys) {
  if (!value.is_object()) return Error::Invalid(field, "must be an object, not " + JsonTypeName(value));
  if (auto known = RejectUnknownFields(value, {"key", "names", "keywords", "exclusions"}); !known.ok()) {
    return known.error().WithFieldPrefix(field);
  }
  TopicDefinition topic;
  const std::string key_field = field + ".key";
  const auto key = value.find("key");
  if (key == value.end() || key->is_null()) return Error::Invalid(key_field, "is required");
  if (!key->is_string() || !IsValidKey(key->get_ref<const std::string&>())) {
    return Error::Invalid(key_field, "must be 1..40 characters of a-z, 0-9 and _");
  }
  topic.key = key->get<std::string>();
  if (!keys.insert(topic.key).second) return Error::Invalid(key_field, "duplicate key \"" + topic.key + "\"");

  const auto member = [&value](const char* name) { return value.contains(name) ? value.at(name) : json(); };
  KS_ASSIGN_OR_RETURN(topic.names, ParseNames(member("names"), field + ".names"));
  KS_ASSIGN_OR_RETURN(topic.keywords, ParsePhrases(member("keywords"), field + ".keywords"));
  KS_ASSIGN_OR_RETURN(topic.exclusions, ParsePhrases(member("exclusions"), field + ".exclusions"));
  size_t keyword_count = 0;
  for (const auto& [language, list] : topic.keywords) keyword_count += list.size();
  if (keyword_count == 0) return Error::Invalid(field + ".keywords", "a topic needs at least one keyword");
  return topic;
}

}  // namespace

Result<Taxonomy> ParseTaxonomy(std::string_view text) {
  json root;
  try {
    root = json::parse(text);
  } catch (const json::parse_error& e) {
    return Error::Invalid("", std::string("invalid JSON: ") + e.what());
  }
  if (!root.is_object()) return Error::Invalid("", "must be an object with \"topics\", not " + JsonTypeName(root));
  KS_RETURN_IF_ERROR(RejectUnknownFields(root, {"topics"}));
  const auto topics = root.find("topics");
  if (topics == root.end() || !topics->is_array()) return Error::Invalid("topics", "must be an array of topics");
  if (topics->size() > kMaxTopics) {
    return Error::Invalid(
        "topics", "has " + std::to_string(topics->size()) + " topics; the limit is " + std::to_string(kMaxTopics));
  }
  Taxonomy taxonomy;
  std::set<std::string> keys;
  for (size_t i = 0; i < topics->size(); ++i) {
    KS_ASSIGN_OR_RETURN(TopicDefinition topic, ParseTopic((*topics)[i], "topics[" + std::to_string(i) + "]", keys));
    taxonomy.topics.push_back(std::move(topic));
  }
  return taxonomy;
}

std::string TaxonomyToJson(const Taxonomy& taxonomy) {
  nlohmann::ordered_json topics = nlohmann::ordered_json::array();
  for (const TopicDefinition& topic : taxonomy.topics) {
    nlohmann::ordered_json out;
    out["key"] = topic.key;
    out["names"] = topic.names;
    out["keywords"] = topic.keywords;
    if (!topic.exclusions.empty()) out["exclusions"] = topic.exclusions;
    topics.push_back(std::move(out));
  }
  nlohmann::ordered_json root;
  root["topics"] = std::move(topics);
  return root.dump(2);
}

const Taxonomy& DefaultTaxonomy() {
  static const Taxonomy taxonomy = [] {
    Result<Taxonomy> parsed = ParseTaxonomy(EmbeddedDefaultTaxonomy().at(0).content);
    if (!parsed.ok()) throw std::logic_error("default_taxonomy.json: " + parsed.error().ToString());
    return std::move(parsed).value();
  }();
  return taxonomy;
}

std::string TopicName(const TopicDefinition& topic, std::string_view language) {
  for (const std::string_view candidate : {language, std::string_view("en")}) {
    if (const auto it = topic.names.find(std::string(candidate)); it != topic.names.end()) return it->second;
  }
  return topic.key;
}

}  // namespace ks::text
