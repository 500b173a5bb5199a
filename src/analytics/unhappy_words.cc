#include "analytics/unhappy_words.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <unordered_map>

#include "feedback/text_columns.h"
#include "stats/log_odds.h"
#include "text/search_terms.h"
#include "text/stopwords.h"

namespace ks::analytics {
namespace {

constexpr std::int64_t kMinOccurrences = 3;
constexpr double kZ95 = 1.96;

struct TermCount {
  std::int64_t unhappy = 0, happy = 0;
  std::map<std::string, std::int64_t> written;  // the forms it was written in
};

class StemCache {
 public:
  const std::string& Stem(const std::string& word, const std::string& language) {
    const std::string key = language + ":" + word;
    auto it = stems_.find(key);
    if (it == stems_.end()) {
      std::string stem = text::SearchStems(word, language == "nl" || language == "en" ? language : "nl");
      it = stems_.emplace(key, std::move(stem)).first;
    }
    return it->second;
  }

 private:
  std::unordered_map<std::string, std::string> stems_;
};

void AddList(const std::vector<std::string>& terms, const std::vector<std::string>& written, bool unhappy,
             std::unordered_map<std::string, TermCount>& counts) {
  for (size_t i = 0; i < terms.size(); ++i) {
    TermCount& t = counts[terms[i]];
    ++(unhappy ? t.unhappy : t.happy);
    ++t.written[written[i]];
  }
}

std::string MostWritten(const TermCount& t) {
  return std::max_element(t.written.begin(), t.written.end(),
                          [](const auto& a, const auto& b) { return a.second < b.second; })
      ->first;
}

}  // namespace

UnhappyWords ScoreTerms(const std::vector<ClassifiedText>& texts, size_t limit) {
  UnhappyWords out;
  StemCache stems;
  std::unordered_map<std::string, TermCount> counts;
  std::int64_t tokens_unhappy = 0, tokens_happy = 0;
  for (const auto& t : texts) {
    if (t.mood == Mood::kNeutral) continue;
    const bool unhappy = t.mood == Mood::kUnhappy;
    ++(unhappy ? out.unhappy_items : out.happy_items);
    std::vector<std::string> terms, written;
    std::string previous_stem, previous_word;  // the previous kept word, when directly before this one
    for (const auto& word : text::Words(t.text)) {
      const bool skip = word.size() < 3 || text::IsStopword(word, t.language) ||
                        std::all_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; });
      if (skip) {
        previous_stem.clear();
        continue;
      }
      const std::string& stem = stems.Stem(word, t.language);
      terms.push_back(stem);
      written.push_back(word);
      if (!previous_stem.empty()) {
        terms.push_back(fmt::format("{} {}", previous_stem, stem));
        written.push_back(fmt::format("{} {}", previous_word, word));
      }
      previous_stem = stem;
      previous_word = word;
    }
    // Two-word key phrases are among the pairs above already; longer ones are counted as a whole.
    for (const std::string& phrase : t.key_phrases) {
      const std::vector<std::string> words = text::Words(phrase);
      if (words.size() < 3) continue;
      std::string stemmed;
      for (const std::string& w : words)
        fmt::format_to(std::back_inserter(stemmed), "{}{}", stemmed.empty() ? "" : " ", stems.Stem(w, t.language));
      terms.push_back(std::move(stemmed));
      written.push_back(phrase);
    }
    (unhappy ? tokens_unhappy : tokens_happy) += static_cast<std::int64_t>(terms.size());
    AddList(terms, written, unhappy, counts);
  }
  std::vector<stats::TermCounts> input;
  input.reserve(counts.size());
  for (const auto& [stem, c] : counts) input.push_back({stem, c.unhappy, c.happy});
  const auto scores = stats::LogOddsWithPrior(input, tokens_unhappy, tokens_happy);
  auto word = [&counts](const stats::TermScore& s) {
    return WordScore{MostWritten(counts.at(s.term)), s.in_a, s.in_b, s.z};
  };
  for (const auto& s : scores) {
    if (s.in_a + s.in_b >= kMinOccurrences && s.z >= kZ95 && out.unhappy.size() < limit) out.unhappy.push_back(word(s));
  }
  for (auto it = scores.rbegin(); it != scores.rend(); ++it) {
    if (it->in_a + it->in_b >= kMinOccurrences && it->z <= -kZ95 && out.happy.size() < limit)
      out.happy.push_back(word(*it));
  }
  return out;
}

Result<std::vector<ClassifiedText>> LoadTexts(db::Connection& c, const TextFilter& f) {
  std::string sql =
      "SELECT text, language, score_class, key_phrases FROM feedback WHERE text IS NOT NULL AND score_class IN "
      "('unhappy', 'happy') "
      "AND received_at >= $1 AND received_at < $2";
  std::vector<db::Value> params = {f.from, f.to};
  auto add_list = [&](const char* column, const auto& values) {
    if (values.empty()) return;
    sql += std::string(" AND ") + column + " IN (";
    for (size_t i = 0; i < values.size(); ++i) {
      sql += (i == 0 ? "$" : ", $") + std::to_string(params.size() + 1);
      params.emplace_back(values[i]);
    }
    sql += ")";
  };
  if (f.only_listed_units && f.unit_ids.empty()) return std::vector<ClassifiedText>{};
  add_list("unit_id", f.unit_ids);
  add_list("source", f.sources);
  add_list("channel", f.channels);
  add_list("brand", f.brands);
  add_list("language", f.languages);
  sql += " ORDER BY received_at DESC LIMIT $" + std::to_string(params.size() + 1);
  params.emplace_back(static_cast<std::int64_t>(f.max_items));
  KS_ASSIGN_OR_RETURN(db::Rows rows, c.Query(sql, params));
  std::vector<ClassifiedText> out;
  out.reserve(rows.size());
  for (const auto& r : rows.rows) {
    out.push_back({db::AsText(r[0]), db::AsText(r[1]), ParseMood(db::AsText(r[2])).value_or(Mood::kNeutral),
                   SplitKeyPhrases(db::AsText(r[3]))});
  }
  return out;
}

}  // namespace ks::analytics
