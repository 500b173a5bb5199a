#include "cases/case_mail.h"

#include <fmt/format.h>

#include "base/strings.h"
#include "notify/mail_templates.h"
#include "web/locale_format.h"

namespace ks::cases {
namespace {

constexpr size_t kQuotedTextBytes = 600;

std::string Language(std::string_view language) { return language == "en" ? "en" : "nl"; }

std::string Quoted(const std::string& text) { return Excerpt(text, kQuotedTextBytes); }

std::string CustomerLabel(const std::string& name, const std::string& ref, const std::string& language) {
  if (!name.empty()) return name;
  if (!ref.empty()) return (language == "en" ? "Customer " : "Klant ") + ref;
  return language == "en" ? "An anonymous customer" : "Een anonieme klant";
}

std::string DueText(Micros due, const BusinessCalendar& calendar, const std::string& language) {
  if (due == kNoDeadline) return language == "en" ? "no deadline" : "geen deadline";
  return web::FormatDateTime(due, calendar.zone(), language);
}

// What the mails about one case show: who, where, until when, the customer's words and the link.
mstch::map CaseContext(const OwnerUser& recipient, const Case& k, const std::string& text,
                       const BusinessCalendar& calendar, const std::string& base_url, const std::string& language) {
  return mstch::map{{"name", recipient.name},
                    {"case_id", std::to_string(k.id)},
                    {"customer", CustomerLabel(k.customer_name, k.customer_ref, language)},
                    {"unit", k.unit_name},
                    {"due", DueText(k.due(), calendar, language)},
                    {"owner", k.owner_name.empty() ? k.owner_queue : k.owner_name},
                    {"text", Quoted(text)},
                    {"link", fmt::format("{}/cases/{}", base_url, k.id)}};
}

std::string StateLabel(CaseState state, const std::string& language) {
  const bool en = language == "en";
  switch (state) {
    case CaseState::kNew: return en ? "new" : "nieuw";
    case CaseState::kContacted: return en ? "contacted" : "gecontacteerd";
    case CaseState::kInProgress: return en ? "in progress" : "in behandeling";
    case CaseState::kResolved: return en ? "resolved" : "opgelost";
    case CaseState::kClosed: return en ? "closed" : "gesloten";
    case CaseState::kReopened: return en ? "reopened" : "heropend";
  }
  return "";
}

}  // namespace

std::string PriorityLabel(Priority priority, std::string_view language) {
  const bool en = language == "en";
  switch (priority) {
    case Priority::kCritical: return en ? "Critical" : "Kritiek";
    case Priority::kHigh: return en ? "High" : "Hoog";
    case Priority::kNormal: return en ? "Normal" : "Normaal";
    case Priority::kLow: return en ? "Low" : "Laag";
  }
  return "";
}

Result<notify::Mail> OpenedMail(const OwnerUser& owner, const FeedbackItem& item, const CaseDecision& decision,
                                Micros first_contact_due, const BusinessCalendar& calendar,
                                const std::string& base_url) {
  const std::string language = Language(owner.language);
  const auto& customer = item.input.customer;
  mstch::map context{{"name", owner.name},
                     {"customer", CustomerLabel(customer && customer->name ? *customer->name : "",
                                                customer ? customer->external_ref : "", language)},
                     {"unit", item.unit_name},
                     {"priority_label", PriorityLabel(decision.priority, language)},
                     {"due", DueText(first_contact_due, calendar, language)},
                     {"text", Quoted(item.input.text)},
                     {"rule", decision.matched_rules.front()},
                     {"link", fmt::format("{}/cases/feedback/{}", base_url, item.id)}};
  if (item.input.score) {
    context["score"] = fmt::format("{} ({})", item.input.score->value, ScaleName(item.input.score->scale));
  }
  return notify::RenderMail("cases.opened", language, context, owner.email, owner.name);
}

Result<notify::Mail> ExitCaseMail(const OwnerUser& owner, const std::string& name, const std::string& external_ref,
                                  const std::vector<std::string>& surveys, Micros first_contact_due,
                                  const BusinessCalendar& calendar, const std::string& link) {
  const std::string language = Language(owner.language);
  std::string survey_list;
  for (const auto& s : surveys) survey_list += (survey_list.empty() ? "" : ", ") + s;
  const mstch::map context{{"name", owner.name},
                           {"customer", CustomerLabel(name, external_ref, language)},
                           {"priority_label", PriorityLabel(Priority::kHigh, language)},
                           {"due", DueText(first_contact_due, calendar, language)},
                           {"surveys", survey_list},
                           {"link", link}};
  return notify::RenderMail("cases.exit", language, context, owner.email, owner.name);
}

Result<notify::Mail> EscalationMail(const OwnerUser& recipient, const Case& overdue, int level, const std::string& text,
                                    const BusinessCalendar& calendar, const std::string& base_url) {
  const std::string language = Language(recipient.language);
  const bool en = language == "en";
  std::string reason;
  switch (level) {
    case 1: reason = en ? "Reminder: overdue" : "Herinnering: over tijd"; break;
    case 2: reason = en ? "Escalated to you as the owner's manager" : "Naar jou geëscaleerd als leidinggevende"; break;
    default: reason = en ? "Escalated to management" : "Geëscaleerd naar de directie"; break;
  }
  mstch::map context = CaseContext(recipient, overdue, text, calendar, base_url, language);
  context["reason"] = reason;
  return notify::RenderMail("cases.escalated", language, context, recipient.email, recipient.name);
}

Result<notify::Mail> DueSoonMail(const OwnerUser& owner, const Case& due_soon, const std::string& text,
                                 const BusinessCalendar& calendar, const std::string& base_url) {
  const std::string language = Language(owner.language);
  return notify::RenderMail("cases.due_soon", language,
                            CaseContext(owner, due_soon, text, calendar, base_url, language), owner.email, owner.name);
}

Result<notify::Mail> DigestMail(const OwnerUser& owner, const std::vector<Case>& open, Micros now,
                                const BusinessCalendar& calendar, const std::string& base_url) {
  const std::string language = Language(owner.language);
  mstch::array cases;
  std::int64_t overdue = 0;
  for (const Case& k : open) {
    mstch::map row = CaseContext(owner, k, "", calendar, base_url, language);
    row["priority"] = PriorityLabel(k.priority, language);
    row["state"] = StateLabel(k.state, language);
    row["overdue"] = k.overdue(now);
    overdue += k.overdue(now) ? 1 : 0;
    cases.emplace_back(std::move(row));
  }
  mstch::map context{{"name", owner.name},
                     {"count", std::to_string(open.size())},
                     {"has_overdue", overdue > 0},
                     {"overdue", std::to_string(overdue)},
                     {"cases", cases},
                     {"list_link", base_url + "/cases?owner=mine"}};
  return notify::RenderMail("cases.digest", language, context, owner.email, owner.name);
}

Result<notify::Mail> CustomerMail(const std::string& to_address, const std::string& to_name, std::string_view language,
                                  const std::string& subject, const std::string& body, const std::string& sender,
                                  const std::string& organisation) {
  const std::string lang = Language(language);
  mstch::array paragraphs;
  // Paragraphs are separated by blank lines; a single line break stays inside its paragraph.
  std::string paragraph;
  for (const std::string& line : Split(body, '\n')) {
    if (Trim(line).empty()) {
      if (!paragraph.empty()) paragraphs.emplace_back(std::move(paragraph));
      paragraph.clear();
      continue;
    }
    paragraph += (paragraph.empty() ? "" : "\n") + std::string(Trim(line));
  }
  if (!paragraph.empty()) paragraphs.emplace_back(std::move(paragraph));
  const std::string greeting = lang == "en" ? (to_name.empty() ? "Hello," : "Dear " + to_name + ",")
                                            : (to_name.empty() ? "Beste klant," : "Beste " + to_name + ",");
  mstch::map context{{"subject", subject},       {"greeting", greeting}, {"body", body},
                     {"paragraphs", paragraphs}, {"sender", sender},     {"organisation", organisation}};
  return notify::RenderMail("cases.customer", lang, context, to_address, to_name);
}

}  // namespace ks::cases
