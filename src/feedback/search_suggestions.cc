#include "feedback/search_suggestions.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "feedback/text_columns.h"
#include "text/search_terms.h"

namespace ks {
namespace {

// Whether every typed word starts one of `phrase_words`.
bool Matches(const std::vector<std::string>& typed, const std::vector<std::string>& phrase_words) {
  return std::all_of(typed.begin(), typed.end(), [&](const std::string& t) {
    return std::any_of(phrase_words.begin(), phrase_words.end(),
                       [&](const std::string& w) { return w.starts_with(t); });
  });
}

}  // namespace

Result<std::vector<std::string>> SuggestPhrases(db::Connection& c, std::string_view typed,
                                                const std::optional<std::vector<std::int64_t>>& unit_scope,
                                                size_t limit) {
  const std::vector<std::string> words = text::Words(typed);
  size_t letters = 0;
  for (const auto& w : words) letters += w.size();
  if (letters < 2) return std::vector<std::string>{};
  std::string sql = "SELECT key_phrases FROM feedback WHERE key_phrases <> ''";
  std::vector<db::Value> params;
  if (unit_scope) {
    if (unit_scope->empty()) return std::vector<std::string>{};
    sql += " AND unit_id IN (";
    for (size_t i = 0; i < unit_scope->size(); ++i) {
      fmt::format_to(std::back_inserter(sql), "{}${}", i == 0 ? "" : ", ", i + 1);
      params.emplace_back((*unit_scope)[i]);
    }
    sql += ")";
  }
  fmt::format_to(std::back_inserter(sql), " ORDER BY id DESC LIMIT ${}", params.size() + 1);
  params.emplace_back(kSuggestionWindow);
  KS_ASSIGN_OR_RETURN(db::Rows rows, c.Query(sql, params));
  std::map<std::string, int> counts;
  for (const auto& row : rows.rows) {
    for (std::string& phrase : SplitKeyPhrases(db::AsText(row[0]))) {
      if (Matches(words, text::Words(phrase))) ++counts[std::move(phrase)];
    }
  }
  std::vector<std::pair<std::string, int>> ranked(counts.begin(), counts.end());
  std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  std::vector<std::string> out;
  for (size_t i = 0; i < ranked.size() && i < limit; ++i) out.push_back(std::move(ranked[i].first));
  return out;
}

}  // namespace ks
