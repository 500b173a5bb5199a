#include "surveys/survey_mail.h"

#include <mstch/mstch.hpp>

#include "base/embedded_file.h"

namespace ks::surveys {

const std::vector<EmbeddedFile>& EmbeddedSurveyTemplates();

namespace {

const std::string& MailTemplate() {
  static const std::string kTemplate = [] {
    for (const auto& file : EmbeddedSurveyTemplates()) {
      if (std::string_view(file.name) == "invitation_mail.mustache") return std::string(file.content);
    }
    return std::string();
  }();
  return kTemplate;
}

}  // namespace

std::string SurveyLink(const std::string& base_url, const std::string& token) { return base_url + "/s/" + token; }
std::string UnsubscribeLink(const std::string& base_url, const std::string& token) { return base_url + "/u/" + token; }

std::string ScaleEndKey(Scale scale, bool high) {
  const std::string end = high ? "high_" : "low_";
  switch (scale) {
    case Scale::kNps: return end + "nps";
    case Scale::kGrade10: return end + "grade10";
    default: return end + "five";
  }
}

notify::Mail InvitationMail(const InvitationMessage& m, const std::string& to_address) {
  const web::Catalog& t = *m.texts;
  const std::string link = SurveyLink(m.base_url, m.token);
  const std::string unsubscribe = UnsubscribeLink(m.base_url, m.token);
  const std::string greeting =
      m.customer_name.empty() ? t.Get("mail_greeting_anonymous") : t.Format("mail_greeting", {m.customer_name});
  const std::string expires = t.Format("mail_expires", {std::to_string(m.expires_days)});
  mstch::array scores;
  std::string text_scores;
  for (int v = ScaleMin(m.scale); v <= ScaleMax(m.scale); ++v) {
    const std::string score_link = link + "?score=" + std::to_string(v);
    scores.emplace_back(mstch::map{{"value", std::to_string(v)}, {"link", score_link}, {"colour", m.colour}});
    text_scores += "  " + std::to_string(v) + ": " + score_link + "\n";
  }
  const mstch::map context{{"lang", t.language()},
                           {"organisation", m.organisation},
                           {"colour", m.colour},
                           {"logo", m.logo_url},
                           {"greeting", greeting},
                           {"question", m.question},
                           {"click", t.Get("mail_click")},
                           {"scores", scores},
                           {"low", t.Get(ScaleEndKey(m.scale, false))},
                           {"high", t.Get(ScaleEndKey(m.scale, true))},
                           {"open", t.Get("mail_open")},
                           {"survey_link", link},
                           {"expires", expires},
                           {"unsubscribe", t.Get("mail_unsubscribe")},
                           {"unsubscribe_link", unsubscribe}};
  notify::Mail mail;
  mail.kind = m.reminder ? "surveys.reminder" : "surveys.invitation";
  mail.to_address = to_address;
  mail.to_name = m.customer_name;
  mail.subject = (m.reminder ? t.Get("mail_reminder") : "") + t.Format("mail_subject", {m.organisation});
  mail.text_body = greeting + "\n\n" + m.question + "\n\n" + t.Get("mail_click") + "\n" + text_scores + "(" +
                   t.Get(ScaleEndKey(m.scale, false)) + ", " + t.Get(ScaleEndKey(m.scale, true)) + ")\n\n" +
                   t.Get("mail_open") + " " + link + "\n" + expires + "\n\n-- \n" + t.Get("mail_unsubscribe") + " " +
                   unsubscribe + "\n";
  mail.html_body = mstch::render(MailTemplate(), context);
  // RFC 2369 and RFC 8058: mail clients offer an unsubscribe button that POSTs to the link.
  mail.headers = {{"List-Unsubscribe", "<" + unsubscribe + ">"},
                  {"List-Unsubscribe-Post", "List-Unsubscribe=One-Click"}};
  return mail;
}

std::string InvitationSms(const InvitationMessage& m) {
  return m.texts->Format("sms_text",
                         {m.organisation, SurveyLink(m.base_url, m.token), UnsubscribeLink(m.base_url, m.token)});
}

}  // namespace ks::surveys
