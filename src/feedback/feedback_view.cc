#include "feedback/feedback_view.h"

#include "web/forms.h"
#include "web/locale_format.h"

namespace ks {
namespace {

constexpr size_t kExcerptBytes = 600;

// Cuts at a UTF-8 character boundary.
std::string Excerpt(const std::string& text) {
  if (text.size() <= kExcerptBytes) return text;
  size_t end = kExcerptBytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end) + "…";
}

}  // namespace

std::string CustomerLabel(const WebRequest& r, const std::string& external_ref,
                          const std::optional<std::string>& name) {
  if (!Can(r.actor, Action::kViewCustomerIdentity)) return r.T("customer_hidden");
  return name && !name->empty() ? *name : external_ref;
}

mstch::map FeedbackView(const WebRequest& r, const FeedbackItem& item, bool full_text) {
  const FeedbackInput& in = item.input;
  mstch::map view{{"id", std::to_string(item.id)},
                  {"source", r.T("source_" + in.source)},
                  {"channel", in.channel},
                  {"unit", item.unit_name.empty() ? in.unit : item.unit_name},
                  {"brand", in.brand},
                  {"own_brand", in.brand == "own"},
                  {"language", in.language},
                  {"received", web::FormatDateTime(in.received_at, r.zone, r.language())},
                  {"text", full_text ? in.text : Excerpt(in.text)},
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
    const Resource resource{item.unit_id, item.reported_by};
    const bool named = item.reported_by && Can(r.actor, Action::kViewReporter, resource);
    view["reporter"] = named ? r.messages.Format("reported_by", {item.reporter_name}) : r.T("reported_by_colleague");
  }
  mstch::array attributes;
  for (const auto& [name, value] : in.attributes) attributes.push_back(mstch::map{{"name", name}, {"value", value}});
  view["attributes"] = attributes;
  view["has_attributes"] = !in.attributes.empty();
  return view;
}

}  // namespace ks
