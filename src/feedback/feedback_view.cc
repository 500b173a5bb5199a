#include "feedback/feedback_view.h"

#include <algorithm>

#include "base/strings.h"
#include "feedback/feedback_store.h"
#include "text/sentiment.h"
#include "web/forms.h"
#include "web/locale_format.h"

namespace ks {
namespace {

constexpr size_t kExcerptBytes = 600;

}  // namespace

std::string CustomerLabel(const WebRequest& r, const std::string& external_ref,
                          const std::optional<std::string>& name) {
  if (!Can(r.actor, Action::kViewCustomerIdentity)) return r.T("customer_hidden");
  return name && !name->empty() ? *name : external_ref;
}

std::string TopicLabel(const WebRequest& r, std::string key, const text::Taxonomy* taxonomy) {
  if (taxonomy != nullptr) {
    for (const auto& topic : taxonomy->topics) {
      if (topic.key == key) return text::TopicName(topic, r.language());
    }
  }
  std::replace(key.begin(), key.end(), '_', ' ');
  return key;
}

namespace {

mstch::map AnalysisView(const WebRequest& r, const text::TextAnalysis& a, const text::Taxonomy* taxonomy) {
  mstch::array topics;
  for (const auto& t : a.topics) {
    const std::string label = text::SentimentLabel(t.sentiment);
    topics.push_back(mstch::map{{"key", t.key},
                                {"name", TopicLabel(r, t.key, taxonomy)},
                                {"sentiment", label},
                                {"sentiment_label", r.T("sentiment_" + label)},
                                {"score", web::FormatDecimal(t.sentiment, 2, r.language())}});
  }
  mstch::array phrases;
  for (const auto& p : a.key_phrases) phrases.emplace_back(p);
  return mstch::map{{"sentiment", a.sentiment_label},
                    {"sentiment_label", r.T("sentiment_" + a.sentiment_label)},
                    {"score", web::FormatDecimal(a.sentiment, 2, r.language())},
                    {"topics", topics},
                    {"has_topics", !topics.empty()},
                    {"phrases", phrases},
                    {"has_phrases", !phrases.empty()}};
}

}  // namespace

mstch::map FeedbackView(const WebRequest& r, const FeedbackItem& item, bool full_text, const text::Taxonomy* taxonomy) {
  const FeedbackInput& in = item.input;
  mstch::map view{{"id", std::to_string(item.id)},
                  {"source", r.T("source_" + in.source)},
                  {"channel", in.channel},
                  {"unit", item.unit_name.empty() ? in.unit : item.unit_name},
                  {"brand", in.brand},
                  {"own_brand", in.brand == "own"},
                  {"language", in.language},
                  {"received", web::FormatDateTime(in.received_at, r.zone, r.language())},
                  {"text", full_text ? in.text : Excerpt(in.text, kExcerptBytes)},
                  {"has_text", !in.text.empty()}};
  if (in.score) {
    const std::string mood(MoodName(in.score->mood()));
    view["score"] = std::to_string(in.score->value);
    view["scale"] = std::string(ScaleName(in.score->scale));
    view["mood"] = mood;
    view["mood_label"] = r.T("class_" + mood);
  } else {
    view["score"] = std::string("–");
    view["mood"] = std::string("none");
    view["mood_label"] = r.T("no_score");
  }
  if (in.customer) {
    view["customer"] = mstch::map{{"label", CustomerLabel(r, in.customer->external_ref, in.customer->name)},
                                  {"href", "/customers/" + web::UrlEncode(in.customer->external_ref)}};
  }
  if (in.source == "employee") {
    const Resource resource{item.unit_id, item.input.reported_by};
    const bool named = item.input.reported_by && Can(r.actor, Action::kViewReporter, resource);
    view["reporter"] = named ? r.messages.Format("reported_by", {item.reporter_name}) : r.T("reported_by_colleague");
  }
  mstch::array attributes;
  for (const auto& [name, value] : in.attributes) attributes.push_back(mstch::map{{"name", name}, {"value", value}});
  view["attributes"] = attributes;
  view["has_attributes"] = !in.attributes.empty();
  if (item.analysis) view["analysis"] = AnalysisView(r, *item.analysis, taxonomy);
  return view;
}

std::optional<mstch::array> FeedbackCards(const WebRequest& r, db::Connection& c, const std::vector<std::int64_t>& ids,
                                          size_t limit) {
  mstch::array cards;
  for (size_t i = 0; i < ids.size() && i < limit; ++i) {
    auto item = GetFeedback(c, ids[i]);
    if (!item.ok()) {
      if (item.error().code == ErrorCode::kNotFound) continue;
      return std::nullopt;
    }
    mstch::map view = FeedbackView(r, *item, true);
    // The card reads {{#customer}}: without its own, mustache would find the page's customer label.
    if (!view.contains("customer")) view["customer"] = false;
    cards.push_back(std::move(view));
  }
  return cards;
}

}  // namespace ks
