#include "analytics/index_rows.h"

#include <nlohmann/json.hpp>

namespace ks::analytics {
namespace {

// A string without escapes at `i` (just past its opening quote); false when it has escapes.
bool PlainString(std::string_view json, size_t& i, std::string& out) {
  const size_t end = json.find('"', i);
  if (end == std::string_view::npos) return false;
  const std::string_view s = json.substr(i, end - i);
  if (s.find('\\') != std::string_view::npos) return false;
  out.assign(s);
  i = end + 1;
  return true;
}

void SkipSpace(std::string_view json, size_t& i) {
  while (i < json.size() && (json[i] == ' ' || json[i] == '\n' || json[i] == '\t' || json[i] == '\r')) ++i;
}

// The common shape {"k":"v",…} without escapes, parsed without building a JSON document (the index
// reads millions of these at start); false when the text needs the full parser.
bool AppendFlat(std::string_view json, std::vector<std::pair<std::string, std::string>>& out) {
  size_t i = 0;
  SkipSpace(json, i);
  if (i >= json.size() || json[i++] != '{') return false;
  SkipSpace(json, i);
  if (i < json.size() && json[i] == '}') return true;
  const size_t before = out.size();
  std::string key, value;
  while (i < json.size()) {
    SkipSpace(json, i);
    if (json[i] != '"' || !PlainString(json, ++i, key)) break;
    SkipSpace(json, i);
    if (i >= json.size() || json[i++] != ':') break;
    SkipSpace(json, i);
    if (i >= json.size() || json[i] != '"' || !PlainString(json, ++i, value)) break;
    out.emplace_back(key, value);
    SkipSpace(json, i);
    if (i < json.size() && json[i] == ',') {
      ++i;
      continue;
    }
    if (i < json.size() && json[i] == '}') return true;
    break;
  }
  out.resize(before);
  return false;
}

std::vector<std::string> SplitTopics(const std::string& topics) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < topics.size()) {
    size_t comma = topics.find(',', start);
    if (comma == std::string::npos) comma = topics.size();
    if (comma > start) out.push_back(topics.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

}  // namespace

void AppendJsonAttributes(std::string_view json, std::vector<std::pair<std::string, std::string>>& out) {
  if (AppendFlat(json, out)) return;
  const auto parsed = nlohmann::json::parse(json, nullptr, false);
  if (!parsed.is_object()) return;
  for (const auto& [key, value] : parsed.items()) {
    if (value.is_string()) {
      out.emplace_back(key, value.get<std::string>());
    } else if (value.is_number() || value.is_boolean()) {
      out.emplace_back(key, value.dump());
    }
  }
}

namespace {

// Everything but the attributes, which the two select lists give differently (column 12).
IndexRow RowWithoutAttributes(const std::vector<db::Value>& c) {
  IndexRow r;
  r.id = db::AsInt(c[0]);
  r.received_at = db::AsInt(c[1]);
  r.source = db::AsText(c[2]);
  r.channel = db::AsText(c[3]);
  if (!db::IsNull(c[4])) r.unit_id = db::AsInt(c[4]);
  r.brand = db::AsText(c[5]);
  if (!db::IsNull(c[6]) && !db::IsNull(c[7])) {
    r.scale = ParseScale(db::AsText(c[6]));
    r.score = static_cast<int>(db::AsInt(c[7]));
    if (r.scale && !InScale(*r.scale, r.score)) r.scale.reset();
  }
  r.language = db::AsText(c[8]);
  if (!db::IsNull(c[9])) r.sentiment = db::AsDouble(c[9]);
  r.topics = SplitTopics(db::AsText(c[10]));
  return r;
}

}  // namespace

// The customer's attributes first; the item's own override them (a later key wins in the index).
IndexRow IndexRowFrom(const std::vector<db::Value>& c) {
  IndexRow r = RowWithoutAttributes(c);
  if (!db::IsNull(c[12])) AppendJsonAttributes(db::AsText(c[12]), r.attributes);
  AppendJsonAttributes(db::AsText(c[11]), r.attributes);
  return r;
}

IndexRow IndexRowFrom(const std::vector<db::Value>& c, const CustomerAttributes& customers) {
  IndexRow r = RowWithoutAttributes(c);
  if (!db::IsNull(c[12])) {
    if (auto it = customers.find(db::AsInt(c[12])); it != customers.end()) r.attributes = it->second;
  }
  AppendJsonAttributes(db::AsText(c[11]), r.attributes);
  return r;
}

Result<CustomerAttributes> LoadCustomerAttributes(db::Connection& c) {
  KS_ASSIGN_OR_RETURN(db::Rows rows, c.Query("SELECT id, attributes FROM customers WHERE attributes <> '{}'"));
  CustomerAttributes out;
  out.reserve(rows.size());
  for (const auto& r : rows.rows) {
    std::vector<std::pair<std::string, std::string>> attributes;
    AppendJsonAttributes(db::AsText(r[1]), attributes);
    if (!attributes.empty()) out.emplace(db::AsInt(r[0]), std::move(attributes));
  }
  return out;
}

}  // namespace ks::analytics
