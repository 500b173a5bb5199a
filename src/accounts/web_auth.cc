#include "accounts/web_auth.h"

#include <spdlog/spdlog.h>

#include "base/random.h"
#include "base/strings.h"

namespace ks {
namespace {

bool ChangesState(const std::string& method) { return method != "GET" && method != "HEAD"; }

struct NavEntry {
  const char* href;
  const char* label_key;
  std::optional<Action> required;
};

constexpr NavEntry kNav[] = {
    {"/inbox", "nav_inbox", std::nullopt},
    {"/analytics", "nav_analytics", std::nullopt},
    {"/report", "nav_report", std::nullopt},
    {"/actions", "nav_actions", std::nullopt},
    {"/cases", "nav_cases", std::nullopt},
    {"/cases/speed", "nav_speed", std::nullopt},
    {"/cases/quiet", "nav_quiet", Action::kViewCustomerIdentity},
    {"/callbacks", "callbacks_nav", Action::kExecutiveCallbacks},
    {"/client-seat", "client_seat_nav", Action::kExecutiveCallbacks},
    {"/surveys", "nav_surveys", Action::kManageSurveys},
    {"/admin/users", "nav_users", Action::kManageUsers},
    {"/admin/units", "nav_units", Action::kManageUnits},
    {"/admin/api-keys", "nav_api_keys", Action::kManageApiKeys},
    {"/admin/settings", "nav_settings", Action::kManageSettings},
    {"/admin/topics", "nav_topics", Action::kManageSettings},
    {"/admin/case-rules", "nav_case_rules", Action::kManageSettings},
    {"/admin/audit", "nav_audit", Action::kViewAuditLog},
    {"/admin/outbox", "nav_outbox", Action::kManageSettings},
    {"/admin/webhooks", "nav_webhooks", Action::kManageApiKeys},
};

http::Response PlainError(int status, const std::string& message) {
  http::Response r;
  r.status = status;
  r.content_type = "text/plain; charset=utf-8";
  r.body = message;
  web::AddSecurityHeaders(r);
  return r;
}

}  // namespace

std::string WebAuth::BaseUrl(const http::Request& request) const {
  std::string base = public_url_.empty() ? "http://" + request.Header("host") : public_url_;
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base;
}

Result<OrganisationSettings> WebAuth::Settings(db::Connection& c) const { return LoadSettings(c); }

Result<Actor> WebAuth::ActorFor(db::Connection& c, const User& user, const OrganisationSettings& settings) const {
  Actor actor;
  actor.user_id = user.id;
  actor.role = user.role;
  actor.employees_see_customer_names = settings.employees_see_customer_names;
  if (user.role == Role::kManager && user.unit_id) {
    KS_ASSIGN_OR_RETURN(db::Rows rows,
                        c.Query("WITH RECURSIVE scope(id) AS (SELECT CAST($1 AS BIGINT) UNION SELECT u.id FROM units u "
                                "JOIN scope ON u.parent_id = scope.id) SELECT id FROM scope",
                                {*user.unit_id}));
    for (const auto& r : rows.rows) actor.unit_scope.push_back(db::AsInt(r[0]));
  }
  return actor;
}

http::Handler WebAuth::Page(PageHandler handler, std::optional<Action> required) {
  return [this, handler = std::move(handler), required](const http::Request& request, const http::Responder& respond) {
    auto session = sessions_.Authenticate(request.Cookie(kSessionCookie));
    if (!session.ok()) {
      if (session.error().code != ErrorCode::kUnauthenticated) {
        respond(PlainError(503, "klantstem cannot reach its database: " + session.error().message));
        return;
      }
      std::string target = request.path;
      char separator = '?';
      for (const auto& [name, value] : request.query) {
        target += separator + web::UrlEncode(name) + "=" + web::UrlEncode(value);
        separator = '&';
      }
      http::Response r =
          web::Redirect(request, "/login?next=" + web::UrlEncode(request.method == "GET" ? target : "/"));
      if (!request.Cookie(kSessionCookie).empty()) r.headers.emplace_back("Set-Cookie", sessions_.ExpiredCookie());
      respond(std::move(r));
      return;
    }
    auto c = pool_.Acquire();
    if (!c.ok()) {
      respond(PlainError(503, "klantstem cannot reach its database: " + c.error().message));
      return;
    }
    auto settings = Settings(**c);
    auto actor = settings.ok() ? ActorFor(**c, session->user, *settings) : Result<Actor>(settings.error());
    if (!actor.ok()) {
      respond(PlainError(503, "klantstem cannot reach its database: " + actor.error().message));
      return;
    }
    const std::string language =
        i18n_.Pick(session->user.language, request.Header("accept-language"), settings->default_language);
    auto zone = TimeZone::Find(settings->time_zone);
    if (!zone.ok()) zone = TimeZone::Find(kDefaultTimeZone);
    WebRequest web{request, *session, *actor, *settings, *zone, i18n_.For(language), {}, session->csrf_token};
    if (ChangesState(request.method)) {
      web.form = web::ParseRequestForm(request);
      if (!web::CsrfAllowed(request, web.form, session->csrf_token)) {
        spdlog::warn("refused {} {} from {}: missing or wrong CSRF token or origin", request.method, request.path,
                     request.remote_ip);
        http::Response r = Render(web, web.T("forbidden_title"), "message",
                                  {{"heading", web.T("forbidden_title")}, {"text", web.T("csrf_refused")}}, 403);
        respond(std::move(r));
        return;
      }
    }
    if (required && !Can(web.actor, *required)) {
      respond(Forbidden(web));
      return;
    }
    respond(handler(web));
  };
}

http::Handler WebAuth::Public(PageHandler handler) {
  return [this, handler = std::move(handler)](const http::Request& request, const http::Responder& respond) {
    auto c = pool_.Acquire();
    auto settings = c.ok() ? Settings(**c) : Result<OrganisationSettings>(c.error());
    if (!settings.ok()) {
      respond(PlainError(503, "klantstem cannot reach its database: " + settings.error().message));
      return;
    }
    const std::string language =
        i18n_.Pick(request.Query("lang").value_or(""), request.Header("accept-language"), settings->default_language);
    auto zone = TimeZone::Find(settings->time_zone);
    if (!zone.ok()) zone = TimeZone::Find(kDefaultTimeZone);
    std::string pre = request.Cookie(kPreSessionCookie);
    const bool new_pre = pre.size() != 64;
    if (new_pre) pre = RandomHex(32);
    WebRequest web{request, std::nullopt, Actor{}, *settings, *zone, i18n_.For(language), {}, pre};
    if (ChangesState(request.method)) {
      web.form = web::ParseRequestForm(request);
      if (new_pre || !web::CsrfAllowed(request, web.form, pre)) {
        respond(Render(web, web.T("forbidden_title"), "message",
                       {{"heading", web.T("forbidden_title")}, {"text", web.T("csrf_refused_public")}}, 403));
        return;
      }
    }
    http::Response response = handler(web);
    if (new_pre) {
      response.headers.emplace_back("Set-Cookie", std::string(kPreSessionCookie) + "=" + pre +
                                                      "; Path=/; HttpOnly; SameSite=Strict" +
                                                      (sessions_.config().secure_cookie ? "; Secure" : ""));
    }
    respond(std::move(response));
  };
}

http::Response WebAuth::Render(const WebRequest& request, const std::string& title, const std::string& body_template,
                               mstch::map body, int status) const {
  web::Frame frame;
  frame.messages = &request.messages;
  frame.title = title;
  frame.organisation = request.settings.name;
  frame.csrf_token = request.csrf_token;
  frame.current_path = request.http.path;
  if (request.session) {
    frame.user_name = request.session->user.name;
    frame.role_label = request.T("role_" + std::string(RoleName(request.actor.role)));
    for (const auto& entry : kNav) {
      if (entry.required && !Can(request.actor, *entry.required)) continue;
      frame.nav.push_back({entry.href, request.T(entry.label_key), request.http.path.rfind(entry.href, 0) == 0});
    }
  }
  return web::HtmlPage(templates_, frame, body_template, std::move(body), status);
}

http::Response WebAuth::Fragment(const WebRequest& request, const std::string& fragment_template,
                                 mstch::map body) const {
  web::Frame frame;
  frame.messages = &request.messages;
  frame.csrf_token = request.csrf_token;
  return web::HtmlFragment(templates_, frame, fragment_template, std::move(body));
}

http::Response WebAuth::Forbidden(const WebRequest& request) const {
  return Render(request, request.T("forbidden_title"), "message",
                {{"heading", request.T("forbidden_title")}, {"text", request.T("forbidden_text")}}, 403);
}

http::Response WebAuth::NotFound(const WebRequest& request) const {
  return Render(request, request.T("not_found_title"), "message",
                {{"heading", request.T("not_found_title")}, {"text", request.T("not_found_text")}}, 404);
}

http::Response WebAuth::Unavailable(const WebRequest& request) const {
  return Render(request, request.T("message_title"), "message",
                {{"heading", request.T("message_title")}, {"text", request.T("database_unavailable")}}, 503);
}

}  // namespace ks
