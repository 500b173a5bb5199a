#include "analytics/summary_json.h"

namespace ks::analytics {
namespace {

using nlohmann::json;

json Optional(const std::optional<double>& v) { return v ? json(*v) : json(); }

json ClassJson(std::int64_t count, std::int64_t n) {
  return {{"count", count}, {"share", n > 0 ? json(static_cast<double>(count) / static_cast<double>(n)) : json()}};
}

}  // namespace

json GroupToJson(const GroupSummary& g, Scale scale) {
  json histogram = json::array();
  for (size_t i = 0; i < g.histogram.size(); ++i) {
    histogram.push_back({{"value", ScaleMin(scale) + static_cast<int>(i)}, {"count", g.histogram[i]}});
  }
  json warnings = json::array();
  for (const auto& w : g.warnings) warnings.push_back({{"code", w.code}, {"message", w.message}});
  return {
      {"key", g.key},
      {"label", g.label},
      {"n", g.n},
      {"histogram", histogram},
      {"classes",
       {{"unhappy", ClassJson(g.unhappy, g.n)},
        {"neutral", ClassJson(g.neutral, g.n)},
        {"happy", ClassJson(g.happy, g.n)}}},
      {"mean", Optional(g.mean)},
      {"standard_deviation", Optional(g.standard_deviation)},
      {"bimodality", Optional(g.bimodality)},
      {"nps", g.nps ? json{{"value", g.nps->nps},
                           {"standard_error", g.nps->standard_error},
                           {"low", g.nps->low},
                           {"high", g.nps->high}}
                    : json()},
      {"fail_share", Optional(g.fail_share)},
      {"complaints", g.complaints},
      {"change", g.change
                     ? json{{"difference", g.change->difference}, {"z", g.change->z}, {"p_value", g.change->p_value}}
                     : json()},
      {"warnings", warnings},
  };
}

json SummaryToJson(const Summary& s) {
  json groups = json::array();
  for (const auto& g : s.groups) groups.push_back(GroupToJson(g, s.scale));
  return {{"scale", std::string(ScaleName(s.scale))},
          {"group_by", s.group_by == GroupBy::kNone ? json() : json(GroupByName(s.group_by, s.attribute))},
          {"class_names",
           {{"unhappy", std::string(ScaleClassName(s.scale, Mood::kUnhappy))},
            {"neutral", std::string(ScaleClassName(s.scale, Mood::kNeutral))},
            {"happy", std::string(ScaleClassName(s.scale, Mood::kHappy))}}},
          {"total", GroupToJson(s.total, s.scale)},
          {"groups", groups}};
}

}  // namespace ks::analytics
