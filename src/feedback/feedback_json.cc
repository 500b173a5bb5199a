#include "feedback/feedback_json.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "base/json_helpers.h"
#include "base/strings.h"
#include "base/time.h"

namespace ks {
namespace {

using nlohmann::json;

constexpr Micros kMaxFutureSkew = 24LL * 3600 * kMicrosPerSecond;
constexpr size_t kMaxShortText = 200;

// A lowercase token such as a channel name: [a-z0-9_-], 1..32 characters.
bool IsToken(const std::string& s) {
  return !s.empty() && s.size() <= 32 && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
}

Result<CustomerRef> ParseCustomer(const json& v) {
  if (!v.is_object()) return Error::Invalid("", "must be an object with external_ref, not " + JsonTypeName(v));
  KS_RETURN_IF_ERROR(RejectUnknownFields(v, {"external_ref", "name", "email", "phone", "language"}));
  CustomerRef c;
  KS_ASSIGN_OR_RETURN(c.external_ref, JsonString(v, "external_ref", true, kMaxShortText));
  if (Trim(c.external_ref).empty()) return Error::Invalid("external_ref", "must not be empty");
  KS_ASSIGN_OR_RETURN(c.name, JsonOptionalString(v, "name", kMaxShortText));
  KS_ASSIGN_OR_RETURN(c.email, JsonOptionalString(v, "email", kMaxShortText));
  if (c.email && !c.email->empty() && c.email->find('@') == std::string::npos) {
    return Error::Invalid("email", "'" + *c.email + "' is not an e-mail address");
  }
  KS_ASSIGN_OR_RETURN(c.phone, JsonOptionalString(v, "phone", 40));
  KS_ASSIGN_OR_RETURN(c.language, JsonOptionalString(v, "language", 2));
  return c;
}

Result<Score> ParseScore(const json& v) {
  if (!v.is_object()) return Error::Invalid("", "must be an object like {\"value\":7,\"scale\":\"nps\"}");
  KS_RETURN_IF_ERROR(RejectUnknownFields(v, {"value", "scale"}));
  KS_ASSIGN_OR_RETURN(std::string scale_name, JsonString(v, "scale", true, 20));
  const auto scale = ParseScale(scale_name);
  if (!scale) return Error::Invalid("scale", "unknown scale '" + scale_name + "' (use nps, grade10, csat5 or stars5)");
  if (!v.contains("value")) return Error::Invalid("value", "is required");
  const json& value = v["value"];
  if (!value.is_number_integer()) return Error::Invalid("value", "must be a whole number, not " + value.dump());
  const auto n = value.get<long long>();
  if (n < ScaleMin(*scale) || n > ScaleMax(*scale)) {
    return Error::Invalid("value", std::to_string(n) + " is outside " + std::to_string(ScaleMin(*scale)) + ".." +
                                       std::to_string(ScaleMax(*scale)) + " for scale " + scale_name);
  }
  return Score{*scale, static_cast<int>(n)};
}

// Parses a nested part, prefixing its errors with the part's field name.
template <typename T, typename F>
Result<T> Nested(const std::string& field, F parse) {
  auto r = parse();
  if (!r.ok()) return r.error().WithFieldPrefix(field);
  return r;
}

}  // namespace

Result<FeedbackInput> ParseFeedbackJson(const json& v, Micros now) {
  if (!v.is_object()) return Error::Invalid("", "a feedback item must be a JSON object, not " + JsonTypeName(v));
  KS_RETURN_IF_ERROR(RejectUnknownFields(v, {"source", "channel", "customer", "unit", "brand", "score", "text",
                                             "language", "received_at", "attributes", "idempotency_key"}));
  FeedbackInput in;
  KS_ASSIGN_OR_RETURN(in.source, JsonString(v, "source", true, 20));
  if (std::find(std::begin(kSources), std::end(kSources), in.source) == std::end(kSources)) {
    return Error::Invalid("source", "unknown source '" + in.source +
                                        "' (use survey, complaint, review, social, employee, letter or exit)");
  }
  KS_ASSIGN_OR_RETURN(in.channel, JsonString(v, "channel", true, 32));
  if (!IsToken(in.channel)) {
    return Error::Invalid("channel", "'" + in.channel + "' must be a lowercase word of a-z, 0-9, _ or - (like email)");
  }
  if (v.contains("customer") && !v["customer"].is_null()) {
    KS_ASSIGN_OR_RETURN(in.customer, Nested<CustomerRef>("customer", [&] { return ParseCustomer(v["customer"]); }));
  }
  KS_ASSIGN_OR_RETURN(in.unit, JsonString(v, "unit", false, kMaxShortText));
  KS_ASSIGN_OR_RETURN(in.brand, JsonString(v, "brand", false, 100));
  if (in.brand.empty()) in.brand = "own";
  if (v.contains("score") && !v["score"].is_null()) {
    KS_ASSIGN_OR_RETURN(in.score, Nested<Score>("score", [&] { return ParseScore(v["score"]); }));
  }
  KS_ASSIGN_OR_RETURN(in.text, JsonString(v, "text", false, kMaxTextLength));
  if (!in.score && Trim(in.text).empty()) return Error::Invalid("score", "an item needs a score, a text or both");
  KS_ASSIGN_OR_RETURN(in.language, JsonString(v, "language", false, 2));
  if (!in.language.empty() && (in.language.size() != 2 || !std::all_of(in.language.begin(), in.language.end(),
                                                                       [](char c) { return c >= 'a' && c <= 'z'; }))) {
    return Error::Invalid("language", "'" + in.language + "' is not a two-letter ISO 639-1 code (like nl or en)");
  }
  KS_ASSIGN_OR_RETURN(std::string received, JsonString(v, "received_at", false, 40));
  in.received_at = now;
  if (received.empty() && v.contains("received_at") && !v["received_at"].is_null()) {
    return Error::Invalid("received_at", "is empty: give an RFC 3339 time or leave the field out for now");
  }
  if (!received.empty()) {
    auto t = ParseRfc3339(received);
    if (!t.ok()) return Error::Invalid("received_at", t.error().message);
    if (*t > now + kMaxFutureSkew) return Error::Invalid("received_at", received + " is in the future");
    in.received_at = *t;
  }
  if (v.contains("attributes")) {
    KS_ASSIGN_OR_RETURN(in.attributes, ParseAttributes(v["attributes"], "attributes"));
  }
  KS_ASSIGN_OR_RETURN(in.idempotency_key, JsonString(v, "idempotency_key", false, kMaxShortText));
  return in;
}

json FeedbackToJson(const FeedbackItem& item) {
  const FeedbackInput& in = item.input;
  json out = {{"id", item.id}, {"source", in.source}, {"channel", in.channel}};
  if (in.customer) {
    json c = {{"external_ref", in.customer->external_ref}};
    c["name"] = in.customer->name ? json(*in.customer->name) : json();
    c["email"] = in.customer->email ? json(*in.customer->email) : json();
    out["customer"] = c;
  } else {
    out["customer"] = nullptr;
  }
  out["unit"] = in.unit.empty() ? json() : json(in.unit);
  out["brand"] = in.brand;
  if (in.score) {
    out["score"] = {{"value", in.score->value},
                    {"scale", ScaleName(in.score->scale)},
                    {"class", ScaleClassName(in.score->scale, in.score->mood())},
                    {"mood", MoodName(in.score->mood())}};
  } else {
    out["score"] = nullptr;
  }
  out["text"] = in.text;
  out["language"] = in.language.empty() ? json() : json(in.language);
  out["received_at"] = FormatRfc3339(in.received_at);
  out["attributes"] = AttributesToJson(in.attributes);
  out["idempotency_key"] = in.idempotency_key.empty() ? json() : json(in.idempotency_key);
  out["created_at"] = FormatRfc3339(item.created_at);
  if (item.analysis) {
    // Scores with three decimals, as they are stored.
    const auto rounded = [](double x) { return std::round(x * 1000) / 1000; };
    const text::TextAnalysis& a = *item.analysis;
    json topics = json::array();
    for (const auto& t : a.topics) topics.push_back({{"key", t.key}, {"sentiment", rounded(t.sentiment)}});
    out["analysis"] = {{"language", a.language.empty() ? json() : json(a.language)},
                       {"language_confidence", rounded(a.language_confidence)},
                       {"sentiment", rounded(a.sentiment)},
                       {"sentiment_label", a.sentiment_label},
                       {"topics", std::move(topics)},
                       {"key_phrases", a.key_phrases}};
  } else {
    out["analysis"] = nullptr;
  }
  return out;
}

}  // namespace ks
