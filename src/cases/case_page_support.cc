#include "cases/case_page_support.h"

#include <algorithm>
#include <charconv>

#include "cases/case_store.h"
#include "cases/sla_clock.h"
#include "feedback/feedback_view.h"
#include "web/locale_format.h"

namespace ks::cases {

std::string Param(const http::Request& request, const std::string& name) { return request.Query(name).value_or(""); }

std::optional<int> ParseCount(std::string_view text, int min, int max) {
  int n = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || end != text.data() + text.size() || n < min || n > max) return std::nullopt;
  return n;
}

std::string StateLabel(const WebRequest& r, CaseState state) {
  return r.T("cases_state_" + std::string(CaseStateName(state)));
}

std::string PriorityText(const WebRequest& r, Priority priority) {
  return r.T("cases_priority_" + std::string(PriorityName(priority)));
}

// The chip's colour class of a priority (the chip also says the priority in words).
std::string_view PriorityClass(Priority priority) {
  switch (priority) {
    case Priority::kCritical:
    case Priority::kHigh: return "unhappy";
    case Priority::kNormal: return "neutral";
    case Priority::kLow: return "none";
  }
  return "none";
}

// A catalogue text when the catalogue has `key`, else `fallback` (values from stored JSON may be anything).
std::string TextOr(const WebRequest& r, const std::string& key, const std::string& fallback) {
  return r.messages.messages().contains(key) ? r.T(key) : fallback;
}

std::string QueueLabel(const WebRequest& r, const std::string& queue) {
  if (queue.empty()) return r.T("cases_no_owner");
  if (queue == kUnassignedQueue) return r.T("cases_queue_unassigned");
  return r.messages.Format("cases_queue", {queue});
}

std::string OwnerText(const WebRequest& r, const Case& k) {
  return k.owner_user_id && !k.owner_name.empty() ? k.owner_name : QueueLabel(r, k.owner_queue);
}

std::string CustomerText(const WebRequest& r, const Case& k) {
  if (!k.customer_id) return r.T("cases_anonymous");
  return CustomerLabel(r, k.customer_ref, std::optional<std::string>(k.customer_name));
}

std::string DateTime(const WebRequest& r, Micros t) {
  return t == kNoDeadline ? r.T("cases_no_deadline") : web::FormatDateTime(t, r.zone, r.language());
}

// "3 hours", "2 days": a wall-clock duration as people say it (at least one minute).
std::string Duration(const WebRequest& r, Micros d) {
  constexpr std::int64_t kHour = 60;
  constexpr std::int64_t kDay = 24 * kHour;
  const std::int64_t minutes = std::max<std::int64_t>(1, d / (60 * kMicrosPerSecond));
  std::int64_t n = minutes;
  std::string unit = "minute";
  if (minutes >= 2 * kDay) {
    n = minutes / kDay;
    unit = "day";
  } else if (minutes >= kHour) {
    n = minutes / kHour;
    unit = "hour";
  }
  return r.messages.Format(n == 1 ? "cases_duration_" + unit : "cases_duration_" + unit + "s",
                           {web::FormatInteger(n, r.language())});
}

// The deadline that matters now, as the list, the board and the case page show it.
mstch::map DueView(const WebRequest& r, const Case& k, Micros now) {
  if (!k.open()) {
    const std::optional<Micros> done = k.state == CaseState::kClosed ? k.closed_at : k.resolved_at;
    return mstch::map{{"running", false},
                      {"overdue", false},
                      {"text", r.T(k.state == CaseState::kClosed ? "cases_due_closed" : "cases_due_resolved")},
                      {"when", done ? DateTime(r, *done) : std::string()},
                      {"which", std::string()}};
  }
  const Micros due = k.due();
  const std::string which = r.T(k.first_contact_at ? "cases_deadline_resolution" : "cases_deadline_first_contact");
  if (due == kNoDeadline) {
    return mstch::map{{"running", true},
                      {"overdue", false},
                      {"text", r.T("cases_no_deadline")},
                      {"when", std::string()},
                      {"which", which}};
  }
  const bool overdue = k.overdue(now);
  return mstch::map{{"running", true},
                    {"overdue", overdue},
                    {"text", overdue ? r.messages.Format("cases_overdue_by", {Duration(r, now - due)})
                                     : r.messages.Format("cases_due_in", {Duration(r, due - now)})},
                    {"when", DateTime(r, due)},
                    {"which", which}};
}

mstch::map CaseRow(const WebRequest& r, const Case& k, Micros now) {
  const std::string id = std::to_string(k.id);
  return mstch::map{{"id", id},
                    {"href", "/cases/" + id},
                    {"customer", CustomerText(r, k)},
                    {"unit", k.unit_name.empty() ? r.T("cases_no_unit") : k.unit_name},
                    {"priority", std::string(PriorityName(k.priority))},
                    {"priority_label", PriorityText(r, k.priority)},
                    {"priority_class", std::string(PriorityClass(k.priority))},
                    {"state", std::string(CaseStateName(k.state))},
                    {"state_label", StateLabel(r, k.state)},
                    {"owner", OwnerText(r, k)},
                    {"opened", web::FormatDateTime(k.opened_at, r.zone, r.language())},
                    {"due", DueView(r, k, now)},
                    {"overdue", k.overdue(now)},
                    {"items", web::FormatInteger(k.item_count, r.language())}};
}

}  // namespace ks::cases
