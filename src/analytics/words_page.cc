// /analytics/words: the words and phrases over-represented in unhappy feedback, and those in happy
// feedback, each linking to the inbox items that use them.
#include <algorithm>
#include <cmath>

#include "analytics/analytics_pages.h"
#include "analytics/insights_support.h"
#include "analytics/page_support.h"
#include "analytics/unhappy_words.h"
#include "web/charts/svg_writer.h"
#include "web/locale_format.h"

namespace ks::analytics {
namespace {

constexpr const char* kPath = "/analytics/words";
constexpr size_t kTerms = 30;

mstch::array Terms(const WebRequest& r, const PageQuery& q, const std::vector<WordScore>& scores, Mood mood,
                   double max_z) {
  const std::string& lang = r.language();
  const std::string klass(MoodName(mood));
  mstch::array out;
  for (const WordScore& w : scores) {
    const double z = std::fabs(w.z);
    out.push_back(mstch::map{{"term", w.term},
                             {"href", InboxLink(q.params, {{"q", w.term}, {"class", klass}})},
                             {"in_unhappy", web::FormatInteger(w.in_unhappy, lang)},
                             {"in_happy", web::FormatInteger(w.in_happy, lang)},
                             {"z", web::FormatDecimal(z, 1, lang)},
                             {"bar", web::charts::FormatCoordinate(max_z > 0 ? std::max(1.0, 100 * z / max_z) : 0)}});
  }
  return out;
}

std::vector<std::vector<std::string>> CsvRows(const UnhappyWords& words) {
  std::vector<std::vector<std::string>> rows = {{"side", "term", "in_unhappy", "in_happy", "z"}};
  for (const auto* side : {&words.unhappy, &words.happy}) {
    for (const WordScore& w : *side) {
      rows.push_back({side == &words.unhappy ? "unhappy" : "happy", w.term, std::to_string(w.in_unhappy),
                      std::to_string(w.in_happy), CsvNumber(w.z, 3)});
    }
  }
  return rows;
}

class WordsPage {
 public:
  WordsPage(WebAuth& auth, AnalyticsService& service) : auth_(auth), service_(service) {}

  http::Response Handle(WebRequest& r) {
    const PageQuery q = ReadPageQuery(r, service_, {"format"});
    mstch::map body = PageFrame(r, service_, q, kPath, {});
    body["has_results"] = false;
    if (!q.error.empty()) return auth_.Render(r, r.T("insights_words_title"), "analytics_words", body, 400);

    const SummaryFilter& f = q.query.filter;
    const Instants period = PeriodInstants(r, f);
    TextFilter filter;
    filter.from = period.from;
    filter.to = period.to;
    filter.unit_ids = f.unit_ids;
    filter.only_listed_units = f.only_listed_units;
    filter.sources = f.sources;
    filter.channels = f.channels;
    filter.brands = f.brands;
    filter.languages = f.languages;
    auto c = auth_.pool().Acquire();
    if (!c.ok()) return auth_.Unavailable(r);
    auto texts = LoadTexts(**c, filter);
    if (!texts.ok()) return auth_.Unavailable(r);
    const UnhappyWords words = ScoreTerms(*texts, kTerms);
    if (WantsCsv(r)) return CsvDownload("words.csv", CsvRows(words));

    const std::string& lang = r.language();
    double max_z = 0;
    for (const auto* side : {&words.unhappy, &words.happy}) {
      for (const WordScore& w : *side) max_z = std::max(max_z, std::fabs(w.z));
    }
    body["has_results"] = true;
    body["has_texts"] = !texts->empty();
    body["unhappy"] = Terms(r, q, words.unhappy, Mood::kUnhappy, max_z);
    body["happy"] = Terms(r, q, words.happy, Mood::kHappy, max_z);
    body["has_unhappy"] = !words.unhappy.empty();
    body["has_happy"] = !words.happy.empty();
    body["read_text"] =
        r.messages.Format("insights_words_read",
                          {web::FormatInteger(static_cast<std::int64_t>(texts->size()), lang),
                           web::FormatInteger(words.unhappy_items, lang), web::FormatInteger(words.happy_items, lang)});
    body["limit_hit"] = texts->size() >= filter.max_items;
    body["limit_text"] = r.messages.Format("insights_words_limit",
                                           {web::FormatInteger(static_cast<std::int64_t>(filter.max_items), lang)});
    return auth_.Render(r, r.T("insights_words_title"), "analytics_words", body);
  }

 private:
  WebAuth& auth_;
  AnalyticsService& service_;
};

}  // namespace

void AddWordsPage(http::Router& router, WebAuth& auth, const AnalyticsPagesConfig& config) {
  auto page = std::make_shared<WordsPage>(auth, config.service);
  router.Add("GET", kPath, auth.Page([page](WebRequest& r) { return page->Handle(r); }));
}

}  // namespace ks::analytics
