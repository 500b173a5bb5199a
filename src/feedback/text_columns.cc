#include "feedback/text_columns.h"

#include <fmt/format.h>

#include <charconv>

#include "base/strings.h"

namespace ks {
namespace {

constexpr char kPhraseSeparator = '|';

std::string JoinTopicKeys(const std::vector<text::TopicSentiment>& topics) {
  std::string out;
  for (const auto& t : topics) {
    if (!out.empty()) out += ',';
    out += t.key;
  }
  return out;
}

std::string JoinPhrases(const std::vector<std::string>& phrases) {
  std::string out;
  for (const auto& p : phrases) {
    if (!out.empty()) out += kPhraseSeparator;
    out += p;
  }
  return out;
}

}  // namespace

std::vector<std::string> SplitKeyPhrases(std::string_view column) {
  std::vector<std::string> phrases = Split(column, kPhraseSeparator);
  std::erase(phrases, std::string());
  return phrases;
}

std::string FormatTopicSentiments(const std::vector<text::TopicSentiment>& topics) {
  std::string out;
  for (const auto& t : topics) {
    if (!out.empty()) out += ',';
    fmt::format_to(std::back_inserter(out), "{}:{:.3f}", t.key, t.sentiment);
  }
  return out;
}

std::vector<text::TopicSentiment> ParseTopicSentiments(std::string_view column) {
  std::vector<text::TopicSentiment> out;
  for (const std::string& part : Split(column, ',')) {
    const size_t colon = part.rfind(':');
    if (colon == std::string::npos || colon == 0) continue;
    double value = 0;
    const char* begin = part.data() + colon + 1;
    const char* end = part.data() + part.size();
    if (std::from_chars(begin, end, value).ptr != end) continue;
    out.push_back({part.substr(0, colon), value});
  }
  return out;
}

std::vector<db::Value> TextColumnValues(const text::TextAnalysis* analysis, std::string_view given_language,
                                        std::int64_t revision) {
  const auto text_or_null = [](std::string_view s) {
    return s.empty() ? db::Value(nullptr) : db::Value(std::string(s));
  };
  if (analysis == nullptr) {
    return {text_or_null(given_language),
            nullptr,
            nullptr,
            std::string(),
            std::string(),
            std::string(),
            nullptr,
            nullptr,
            std::int64_t{0}};
  }
  const text::TextAnalysis& a = *analysis;
  const bool detected = !a.language.empty() && !given_language.starts_with(a.language);
  return {text_or_null(a.language.empty() ? given_language : std::string_view(a.language)),
          a.sentiment,
          a.sentiment_label,
          JoinTopicKeys(a.topics),
          FormatTopicSentiments(a.topics),
          JoinPhrases(a.key_phrases),
          a.language_confidence,
          revision,
          std::int64_t{detected ? 1 : 0}};
}

bool TextAnalysisFromColumns(const std::vector<db::Value>& row, size_t first, text::TextAnalysis& out) {
  if (db::IsNull(row[first + 7])) return false;
  out.language = db::AsText(row[first]);
  out.sentiment = db::IsNull(row[first + 1]) ? 0 : db::AsDouble(row[first + 1]);
  out.sentiment_label = db::AsText(row[first + 2]);
  out.topics = ParseTopicSentiments(db::AsText(row[first + 4]));
  out.key_phrases = SplitKeyPhrases(db::AsText(row[first + 5]));
  out.language_confidence = db::IsNull(row[first + 6]) ? 0 : db::AsDouble(row[first + 6]);
  return true;
}

}  // namespace ks
