// The staff pages of continuous listening (admins and coordinators, Action::kManageSurveys):
//   /surveys              the surveys, and a form for a new one
//   /surveys/{slug}       edit a survey (its JSON definition) with a live preview (htmx), its anonymous
//                         link with a QR code per unit (SVG on the page, SVG and PNG to download) and
//                         the snippet that embeds it on a website
//   /responses            response rates per survey, channel, unit and week (last 12 weeks, next 2)
// and the invitations section of the customer page.
#pragma once

#include "accounts/web_auth.h"
#include "base/embedded_file.h"
#include "feedback/feedback_pages.h"
#include "http/router.h"

namespace ks::surveys {

// The templates of the survey pages (public and staff), for web::Templates.
const std::vector<EmbeddedFile>& EmbeddedSurveyTemplates();

void AddSurveyPages(http::Router& router, WebAuth& auth, const Clock& clock);
// The customer page's section listing the customer's invitations, with why any was skipped.
CustomerSection CustomerInvitationsSection(WebAuth& auth);

}  // namespace ks::surveys
