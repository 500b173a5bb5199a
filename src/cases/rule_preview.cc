#include "cases/rule_preview.h"

#include <map>
#include <nlohmann/json.hpp>

#include "feedback/feedback_store.h"

namespace ks::cases {
namespace {

using db::AsInt;
using db::AsText;

constexpr int kPageSize = 1000;

struct UnitNode {
  std::string code;
  std::optional<std::int64_t> parent;
};

std::vector<std::string> Ancestors(const std::map<std::int64_t, UnitNode>& units, std::int64_t unit_id) {
  std::vector<std::string> out;
  auto it = units.find(unit_id);
  // The depth bound guards against a cycle in the stored tree.
  for (int depth = 0; it != units.end() && it->second.parent && depth < 50; ++depth) {
    it = units.find(*it->second.parent);
    if (it != units.end()) out.push_back(it->second.code);
  }
  return out;
}

}  // namespace

Result<RulePreview> PreviewRules(db::Connection& c, const RuleSet& rules, Micros from, Micros to, size_t max_items) {
  std::map<std::int64_t, UnitNode> units;
  KS_ASSIGN_OR_RETURN(db::Rows unit_rows, c.Query("SELECT id, code, parent_id FROM units"));
  for (const auto& r : unit_rows.rows) {
    units[AsInt(r[0])] = {AsText(r[1]), db::AsOptionalInt(r[2])};
  }
  std::map<std::int64_t, std::map<std::string, std::string>> attributes;
  KS_ASSIGN_OR_RETURN(db::Rows customer_rows,
                      c.Query("SELECT id, attributes FROM customers WHERE attributes <> '{}' AND id IN "
                              "(SELECT customer_id FROM feedback WHERE received_at >= $1 AND received_at < $2)",
                              {from, to}));
  for (const auto& r : customer_rows.rows) {
    const auto json = nlohmann::json::parse(AsText(r[1]), nullptr, false);
    if (!json.is_object()) continue;
    auto& out = attributes[AsInt(r[0])];
    for (const auto& [key, value] : json.items()) {
      if (value.is_string()) out[key] = value.get<std::string>();
    }
  }

  FeedbackFilter filter;
  filter.from = from;
  filter.to = to;
  RulePreview preview;
  preview.matches.assign(rules.rules.size(), 0);
  std::vector<RuleInput> inputs;
  std::string cursor;
  do {
    KS_ASSIGN_OR_RETURN(FeedbackPage page, ListFeedback(c, filter, cursor, kPageSize));
    inputs.clear();
    for (FeedbackItem& item : page.items) {
      if (preview.items == max_items) {
        preview.capped = true;
        break;
      }
      ++preview.items;
      RuleInput input{std::move(item.input), std::move(item.analysis), {}, {}};
      if (item.customer_id) {
        if (auto it = attributes.find(*item.customer_id); it != attributes.end())
          input.customer_attributes = it->second;
      }
      if (item.unit_id) input.unit_ancestors = Ancestors(units, *item.unit_id);
      if (Evaluate(rules, input)) ++preview.would_open;
      inputs.push_back(std::move(input));
    }
    const auto counts = CountMatches(rules, inputs);
    for (size_t i = 0; i < counts.size(); ++i) preview.matches[i] += counts[i];
    cursor = page.next_cursor;
  } while (!cursor.empty() && !preview.capped);
  return preview;
}

}  // namespace ks::cases
