// /analytics/competitors: our feedback beside the competitors' (feedback whose brand is not "own",
// e.g. imported reviews) for the filtered period — per brand the headline, histogram and class bar,
// and a comparison table with each competitor's difference from us and whether it is real.
#include <fmt/format.h>

#include <algorithm>

#include "analytics/analytics_pages.h"
#include "analytics/overview_charts.h"
#include "analytics/page_support.h"
#include "web/locale_format.h"

namespace ks::analytics {
namespace {

constexpr const char* kPath = "/analytics/competitors";
constexpr std::string_view kOwn = "own";

std::int64_t CompetitorAnswers(const Summary& s) {
  std::int64_t n = 0;
  for (const auto& g : s.groups) n += g.key == kOwn ? 0 : g.n;
  return n;
}

class CompetitorsPage {
 public:
  CompetitorsPage(WebAuth& auth, AnalyticsService& service) : auth_(auth), service_(service) {}

  http::Response Show(WebRequest& r) {
    PageQuery q = ReadPageQuery(r, service_, {"format"});
    mstch::map body{{"tabs", Tabs(r, q, kPath)}};
    const auto render = [&](int status) {
      body["filters"] = FilterForm(r, service_, q, kPath);
      body["failed"] = !q.error.empty();
      return auth_.Render(r, r.T("dashboard_competitors_title"), "analytics_competitors", std::move(body), status);
    };
    if (!q.error.empty()) return render(400);
    SummaryQuery query = q.query;
    query.filter.brands.clear();  // every brand is shown side by side
    query.group_by = GroupBy::kBrand;
    auto summary = Summarize(query);
    if (!summary.ok()) {
      if (summary.error().code != ErrorCode::kInvalidArgument) return auth_.Unavailable(r);
      q.error = summary.error().field + ": " + summary.error().message;
      return render(400);
    }
    const Scale scale = summary->scale;
    std::vector<const GroupSummary*> groups;
    for (const auto& g : summary->groups) {
      if (g.n > 0) groups.push_back(&g);
    }
    std::stable_sort(groups.begin(), groups.end(), [](const GroupSummary* a, const GroupSummary* b) {
      if ((a->key == kOwn) != (b->key == kOwn)) return a->key == kOwn;
      return a->n > b->n;
    });
    const GroupSummary* own = !groups.empty() && groups.front()->key == kOwn ? groups.front() : nullptr;
    if (r.http.Query("format").value_or("") == "csv") return Csv(scale, groups, own);

    mstch::array brands, rows;
    for (size_t i = 0; i < groups.size(); ++i) {
      const GroupSummary& g = *groups[i];
      const std::string name = Name(r, g.key);
      brands.push_back(mstch::map{
          {"name", name},
          {"own", g.key == kOwn},
          {"headline", Headline(r, scale, g, g.key == kOwn)},
          {"distribution", Distribution(r, scale, g, q.params, {{"brand", g.key}}, "brand-" + std::to_string(i))}});
      rows.push_back(Row(r, scale, g, own, name));
    }
    body["brands"] = brands;
    body["rows"] = rows;
    body["has_competitors"] = CompetitorAnswers(*summary) > 0;
    body["has_own"] = own != nullptr;
    body["scale_note"] =
        auto_scale_ ? r.messages.Format("dashboard_competitors_scale", {r.T("scale_" + std::string(ScaleName(scale)))})
                    : std::string();
    body["is_nps"] = scale == Scale::kNps;
    body["value_header"] = scale == Scale::kNps ? std::string("NPS") : r.T("dashboard_mean");
    body["unhappy_header"] = r.messages.Format("dashboard_unhappy_percent", {ClassLabel(r, scale, Mood::kUnhappy)});
    body["has_brand_filter"] = !q.query.filter.brands.empty();
    body["csv_href"] = std::string(kPath) + "?" + QueryString(q.params, {{"format", "csv"}});
    return render(200);
  }

 private:
  // The summary by brand; without a chosen scale, on the scale most competitor answers use (reviews
  // are often stars while our own surveys ask the NPS question).
  Result<Summary> Summarize(SummaryQuery query) {
    auto_scale_ = false;
    KS_ASSIGN_OR_RETURN(Summary best, service_.Summarize(query));
    if (query.filter.scale) return best;
    const Scale main = best.scale;
    for (Scale s : {Scale::kNps, Scale::kGrade10, Scale::kCsat5, Scale::kStars5}) {
      if (s == main) continue;
      query.filter.scale = s;
      KS_ASSIGN_OR_RETURN(Summary other, service_.Summarize(query));
      if (CompetitorAnswers(other) > CompetitorAnswers(best)) best = std::move(other);
    }
    auto_scale_ = best.scale != main;
    return best;
  }

  static std::string Name(const WebRequest& r, const std::string& key) {
    return key == kOwn ? r.messages.Format("dashboard_brand_own", {r.settings.name}) : key;
  }

  static mstch::map Row(const WebRequest& r, Scale scale, const GroupSummary& g, const GroupSummary* own,
                        const std::string& name) {
    const std::string& lang = r.language();
    const stats::Proportion unhappy = stats::WilsonInterval(g.unhappy, g.n);
    mstch::map row{{"name", name},
                   {"own", g.key == kOwn},
                   {"n", web::FormatInteger(g.n, lang)},
                   {"value", scale == Scale::kNps && g.nps ? web::FormatDecimal(g.nps->nps, 0, lang)
                             : g.mean                      ? web::FormatDecimal(*g.mean, 1, lang)
                                                           : std::string()},
                   {"interval", g.nps ? Range(r, g.nps->low, g.nps->high, 0) : std::string()},
                   {"unhappy_share", Percent(unhappy.share, r.language(), 1)},
                   {"unhappy_interval", Range(r, 100 * unhappy.low, 100 * unhappy.high, 0) + "%"},
                   {"has_change", false}};
    if (own != nullptr && g.key != kOwn) {
      if (auto change = ChangeBetween(scale, *own, g)) {
        row["has_change"] = true;
        row["change"] = ChangeText(r, scale, *change);
        row["p"] = PValue(change->p_value, r.language());
        row["significant"] = change->p_value < kSignificance;
      }
    }
    return row;
  }

  static http::Response Csv(Scale scale, const std::vector<const GroupSummary*>& groups, const GroupSummary* own) {
    std::vector<std::vector<std::string>> rows = {{"brand", "scale", "n", "mean", "sd", "nps", "nps_low", "nps_high",
                                                   "unhappy_share", "unhappy_low", "unhappy_high", "difference_vs_own",
                                                   "p_value"}};
    const auto opt = [](const std::optional<double>& v, int decimals) {
      return v ? fmt::format("{:.{}f}", *v, decimals) : std::string();
    };
    for (const GroupSummary* g : groups) {
      const stats::Proportion unhappy = stats::WilsonInterval(g->unhappy, g->n);
      std::optional<stats::ChangeTest> change;
      if (own != nullptr && g != own) change = ChangeBetween(scale, *own, *g);
      rows.push_back({g->key, std::string(ScaleName(scale)), std::to_string(g->n), opt(g->mean, 2),
                      opt(g->standard_deviation, 2), g->nps ? fmt::format("{:.1f}", g->nps->nps) : "",
                      g->nps ? fmt::format("{:.1f}", g->nps->low) : "",
                      g->nps ? fmt::format("{:.1f}", g->nps->high) : "", fmt::format("{:.4f}", unhappy.share),
                      fmt::format("{:.4f}", unhappy.low), fmt::format("{:.4f}", unhappy.high),
                      change ? fmt::format("{:.2f}", change->difference) : "",
                      change ? fmt::format("{:.4f}", change->p_value) : ""});
    }
    return CsvDownload("klantstem-competitors.csv", rows);
  }

  WebAuth& auth_;
  AnalyticsService& service_;
  bool auto_scale_ = false;
};

}  // namespace

void AddCompetitorsPage(http::Router& router, WebAuth& auth, const AnalyticsPagesConfig& config) {
  router.Add("GET", kPath, auth.Page([&auth, &service = config.service](WebRequest& r) {
    CompetitorsPage page(auth, service);
    return page.Show(r);
  }));
}

}  // namespace ks::analytics
