// The pages customers answer on, without logging in and without JavaScript:
//   /s/<token>        an invitation's survey (?score=N records a score clicked in the mail)
//   /f/<slug>         a survey's anonymous link (?unit=…&channel=qr|web&lang=…; ?embed=1 for a frame)
//   /u/<token>        unsubscribe from survey invitations (one button; RFC 8058 one-click POST too)
//   /survey.css       the pages' style sheet, with the organisation's colour
// Step one asks the main question as buttons; step two the open question worded by the answer's class,
// driver ratings, choices and consent. Unknown, expired and used-up links get a friendly page. Posts to
// anonymous links are rate-limited per IP address.
#pragma once

#include "accounts/organisation_settings.h"
#include "db/connection_pool.h"
#include "db/group_commit_writer.h"
#include "http/router.h"
#include "surveys/rate_limiter.h"
#include "text/analyzer.h"
#include "web/i18n.h"

namespace ks::surveys {

// The survey pages' catalogues (nl, en, fr, de).
const web::I18n& SurveyTexts();

struct PublicPagesOptions {
  size_t max_form_bytes = size_t{64} * 1024;  // larger posts get 413
  RateLimiter::Options anonymous_limit;       // per IP address, for posts to /f/<slug>
};

// `analyzer` analyses the open answers' texts.
void AddSurveyPublicPages(http::Router& router, db::ConnectionPool& pool, db::GroupCommitWriter& writer,
                          const text::TextAnalyzer& analyzer, const Clock& clock, PublicPagesOptions options);

}  // namespace ks::surveys
