// The gate in front of every web page: who is asking (session cookie → user → Actor), in which
// language, and whether a state-changing request carries a valid CSRF token. Pages are written as
// PageHandlers and registered through WebAuth::Page, so no page can forget a check:
//   - no valid session → 303 to /login?next=<page> (htmx requests get HX-Redirect);
//   - POST/PUT/PATCH/DELETE without same-origin + the session's CSRF token → 403, nothing changed;
//   - `required` action not allowed by the policy → 403 page.
// Pages that work without login (login, invitation, password reset) use WebAuth::Public, whose POSTs
// are protected by a double-submit token (cookie ks_csrf_pre + form field) and the origin check.
//
// Thread-safe: holds references to thread-safe services only.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "accounts/organisation_settings.h"
#include "accounts/policy.h"
#include "accounts/sessions.h"
#include "base/time.h"
#include "db/connection_pool.h"
#include "http/router.h"
#include "web/forms.h"
#include "web/i18n.h"
#include "web/page.h"
#include "web/templates.h"

namespace ks {

// Everything a page handler needs about its request.
struct WebRequest {
  const http::Request& http;
  std::optional<Session> session;  // empty on public pages without a login
  Actor actor;
  OrganisationSettings settings;
  TimeZone zone;
  const web::Catalog& messages;
  web::Form form;          // the parsed body of a form POST
  std::string csrf_token;  // the session's, or the pre-session token on public pages

  const std::string& T(const std::string& key) const { return messages.Get(key); }
  const std::string& language() const { return messages.language(); }
};

using PageHandler = std::function<http::Response(WebRequest&)>;

class WebAuth {
 public:
  // `public_url` ("https://feedback.example.com") is where links in mails point; empty: the Host
  // header of the request that causes the mail.
  WebAuth(SessionStore& sessions, db::ConnectionPool& pool, const web::I18n& i18n, const web::Templates& templates,
          std::string public_url)
      : sessions_(sessions), pool_(pool), i18n_(i18n), templates_(templates), public_url_(std::move(public_url)) {}

  // A page for logged-in users; see the header comment.
  http::Handler Page(PageHandler handler, std::optional<Action> required = std::nullopt);
  // A page for anyone (login, invitation, password reset).
  http::Handler Public(PageHandler handler);

  // Renders `body_template` in the layout with the request's navigation, language and CSRF token.
  http::Response Render(const WebRequest& request, const std::string& title, const std::string& body_template,
                        mstch::map body, int status = 200) const;
  http::Response Fragment(const WebRequest& request, const std::string& fragment_template, mstch::map body) const;
  // The 403 page ("You do not have access to this page").
  http::Response Forbidden(const WebRequest& request) const;
  // The 404 page.
  http::Response NotFound(const WebRequest& request) const;
  // The 503 page: the database cannot be reached.
  http::Response Unavailable(const WebRequest& request) const;

  // `request` with its texts in `language` (a page about a known user, such as an invitation).
  WebRequest InLanguage(const WebRequest& request, std::string_view language) const {
    return {request.http, request.session,     request.actor, request.settings,
            request.zone, i18n_.For(language), request.form,  request.csrf_token};
  }

  // The base URL for links in mails, without a trailing slash.
  std::string BaseUrl(const http::Request& request) const;

  SessionStore& sessions() { return sessions_; }
  db::ConnectionPool& pool() { return pool_; }
  const web::Templates& templates() const { return templates_; }

 private:
  Result<Actor> ActorFor(db::Connection& c, const User& user, const OrganisationSettings& settings) const;
  Result<OrganisationSettings> Settings(db::Connection& c) const;

  SessionStore& sessions_;
  db::ConnectionPool& pool_;
  const web::I18n& i18n_;
  const web::Templates& templates_;
  const std::string public_url_;
};

inline constexpr std::string_view kPreSessionCookie = "ks_csrf_pre";

}  // namespace ks
