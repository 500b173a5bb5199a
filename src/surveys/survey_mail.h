// The invitation itself: the e-mail (the main question's scale as buttons — one click records the
// score — a link to the whole survey, and a one-click unsubscribe with List-Unsubscribe headers) and
// the SMS text with its short link. Pure functions; thread-safe.
#pragma once

#include <string>

#include "notify/mail.h"
#include "surveys/survey.h"
#include "web/i18n.h"

namespace ks::surveys {

struct InvitationMessage {
  const web::Catalog* texts = nullptr;  // the public survey catalogue in the invitation's language
  std::string organisation;
  std::string colour = "#1d4ed8";  // the organisation's brand colour (#rrggbb)
  std::string logo_url;            // absolute URL of the organisation's logo; empty: none
  std::string base_url;            // "https://feedback.example.com", no trailing slash
  std::string token;
  std::string customer_name;  // empty: a neutral greeting
  std::string question;       // the main question in the invitation's language
  Scale scale = Scale::kNps;
  int expires_days = 14;
  bool reminder = false;
};

// The public links of an invitation token.
std::string SurveyLink(const std::string& base_url, const std::string& token);
std::string UnsubscribeLink(const std::string& base_url, const std::string& token);

notify::Mail InvitationMail(const InvitationMessage& m, const std::string& to_address);
std::string InvitationSms(const InvitationMessage& m);

// The catalogue key of the scale's low and high end labels ("low_nps", "high_five").
std::string ScaleEndKey(Scale scale, bool high);

}  // namespace ks::surveys
