#include "accounts/account_pages.h"

#include <spdlog/spdlog.h>

#include "accounts/audit_log.h"
#include "accounts/passwords.h"
#include "accounts/user_store.h"
#include "accounts/user_tokens.h"
#include "notify/mail_templates.h"
#include "notify/outbox.h"

namespace ks {
namespace {

// Only local paths, so a crafted link cannot send a user elsewhere after login.
std::string SafeNext(const std::string& next) {
  if (next.empty() || next[0] != '/' || next.rfind("//", 0) == 0 || next.find('\\') != std::string::npos ||
      next.rfind("/login", 0) == 0) {
    return "/inbox";
  }
  return next;
}

http::Response WithCookie(http::Response r, const std::string& cookie) {
  r.headers.emplace_back("Set-Cookie", cookie);
  return r;
}

class AccountPages {
 public:
  AccountPages(WebAuth& auth, LoginThrottle& throttle, const Clock& clock)
      : auth_(auth), throttle_(throttle), clock_(clock) {}

  http::Response LoginForm(WebRequest& r, const std::string& error, int status) {
    std::string next = r.http.Query("next").value_or(web::FormValue(r.form, "next"));
    return auth_.Render(r, r.T("login_title"), "login",
                        {{"next", SafeNext(next)},
                         {"email", web::FormValue(r.form, "email")},
                         {"error", error},
                         {"has_error", !error.empty()}},
                        status);
  }

  http::Response Login(WebRequest& r) {
    const std::string email = web::FormValue(r.form, "email");
    const std::string password = web::FormValue(r.form, "password");
    const std::string account = NormaliseEmail(email).value_or(email);
    if (const Micros wait = throttle_.RetryAfter(account, r.http.remote_ip); wait > 0) {
      Record(r, account, "login.throttled", "");
      const auto minutes = std::to_string((wait + 60 * kMicrosPerSecond - 1) / (60 * kMicrosPerSecond));
      http::Response response = LoginForm(r, r.messages.Format("login_throttled", {minutes}), 429);
      response.headers.emplace_back("Retry-After", std::to_string(wait / kMicrosPerSecond + 1));
      return response;
    }
    auto c = auth_.pool().Acquire();
    if (!c.ok()) return LoginForm(r, r.T("database_unavailable"), 503);
    auto user = GetUserByEmail(**c, account);
    const std::string hash = user.ok() ? GetPasswordHash(**c, user->id).value_or("") : "";
    // Verify even for unknown users, so the time taken does not reveal which addresses exist.
    const bool password_ok = VerifyPassword(password, hash.empty() ? DummyHash() : hash) && !hash.empty();
    if (!user.ok() || !password_ok || !user->active) {
      throttle_.RecordFailure(account, r.http.remote_ip);
      Record(r, account, "login.failure", user.ok() && !user->active ? "user is disabled" : "");
      return LoginForm(r, r.T("login_failed"), 401);
    }
    auto token = auth_.sessions().Create(user->id, r.http.Cookie(kSessionCookie));
    if (!token.ok()) return LoginForm(r, r.T("database_unavailable"), 503);
    throttle_.RecordSuccess(account);
    Record(r, account, "login.success", "");
    return WithCookie(web::Redirect(r.http, SafeNext(web::FormValue(r.form, "next"))),
                      auth_.sessions().CookieFor(*token));
  }

  http::Response Logout(WebRequest& r) {
    (void)auth_.sessions().End(r.http.Cookie(kSessionCookie));
    Record(r, r.session->user.email, "logout", "");
    return WithCookie(web::Redirect(r.http, "/login"), auth_.sessions().ExpiredCookie());
  }

  // The "set your password" form behind an invitation or reset link.
  http::Response SetPasswordForm(WebRequest& r, TokenPurpose purpose, const std::string& error, int status) {
    const std::string token = r.http.path_params.at("token");
    auto c = auth_.pool().Acquire();
    if (!c.ok()) return Message(r, r.T("database_unavailable"), 503);
    auto user = PeekToken(**c, token, purpose, clock_.Now());
    if (!user.ok()) return Message(r, r.T(purpose == TokenPurpose::kInvite ? "invite_invalid" : "reset_invalid"), 404);
    // In the language of the person the link was made for, not of whoever's browser opened it.
    const WebRequest local = auth_.InLanguage(r, user->language);
    return auth_.Render(local, local.T("set_password_title"), "set_password",
                        {{"name", user->name},
                         {"email", user->email},
                         {"action", r.http.path},
                         {"error", error},
                         {"has_error", !error.empty()},
                         {"min_length", std::to_string(kMinPasswordLength)},
                         {"invite", purpose == TokenPurpose::kInvite}},
                        status);
  }

  http::Response SetPassword(WebRequest& r, TokenPurpose purpose) {
    const Micros now = clock_.Now();
    auto c = auth_.pool().Acquire();
    if (!c.ok()) return Message(r, r.T("database_unavailable"), 503);
    auto user = PeekToken(**c, r.http.path_params.at("token"), purpose, now);
    if (!user.ok()) return Message(r, r.T(purpose == TokenPurpose::kInvite ? "invite_invalid" : "reset_invalid"), 404);
    const std::string password = web::FormValue(r.form, "password");
    if (password != web::FormValue(r.form, "password_again")) {
      return SetPasswordForm(r, purpose, auth_.InLanguage(r, user->language).T("passwords_differ"), 400);
    }
    if (auto ok = CheckNewPassword(password, user->email, user->name); !ok.ok()) {
      return SetPasswordForm(r, purpose, PasswordError(auth_.InLanguage(r, user->language), ok.error()), 400);
    }
    auto hash = HashPassword(password);
    if (!hash.ok()) return Message(r, hash.error().message, 503);
    auto statements = UseTokenStatements(user->id, purpose, now);
    statements.push_back(
        {"UPDATE users SET password_hash = $1, password_changed_at = $2, updated_at = $2 WHERE id = $3",
         {*hash, now, user->id}});
    statements.push_back({"DELETE FROM sessions WHERE user_id = $1", {user->id}});
    statements.push_back(
        AuditStatement({0, now, user->email, purpose == TokenPurpose::kInvite ? "invite.accepted" : "password.reset",
                        user->email, "", r.http.remote_ip}));
    if (auto written = (*c)->Transact(statements); !written.ok()) return Message(r, written.error().message, 503);
    auto token = auth_.sessions().Create(user->id, r.http.Cookie(kSessionCookie));
    if (!token.ok()) return web::Redirect(r.http, "/login");
    return WithCookie(web::Redirect(r.http, "/inbox"), auth_.sessions().CookieFor(*token));
  }

  http::Response ForgotForm(WebRequest& r, bool sent) {
    return auth_.Render(r, r.T("forgot_title"), "forgot_password", {{"sent", sent}});
  }

  http::Response Forgot(WebRequest& r) {
    const Micros now = clock_.Now();
    const std::string email = web::FormValue(r.form, "email");
    auto c = auth_.pool().Acquire();
    if (!c.ok()) return Message(r, r.T("database_unavailable"), 503);
    auto user = GetUserByEmail(**c, email);
    // The same answer whether or not the address is known, so the form does not reveal accounts.
    if (!user.ok() || !user->active) {
      Record(r, email, "password.reset_requested", "unknown or disabled address; no mail sent");
      return ForgotForm(r, true);
    }
    const NewUserToken token = NewToken(user->id, TokenPurpose::kReset, now);
    auto mail = notify::RenderMail("accounts.password_reset", user->language,
                                   mstch::map{{"name", user->name},
                                              {"organisation", r.settings.name},
                                              {"link", auth_.BaseUrl(r.http) + "/password/reset/" + token.token},
                                              {"expires_minutes", std::to_string(kResetLifetime / 60'000'000)}},
                                   user->email, user->name);
    if (!mail.ok()) return Message(r, mail.error().message, 500);
    auto written = (*c)->Transact(
        {token.statement, notify::OutboxInsertStatement(*mail, now),
         AuditStatement({0, now, user->email, "password.reset_requested", user->email, "", r.http.remote_ip})});
    if (!written.ok()) return Message(r, written.error().message, 503);
    return ForgotForm(r, true);
  }

  http::Response AccountForm(WebRequest& r, const std::string& message, const std::string& error, int status) {
    mstch::array languages;
    for (const char* code : {"nl", "en"}) {
      languages.push_back(mstch::map{{"code", std::string(code)},
                                     {"label", r.T(std::string("language_") + code)},
                                     {"selected", r.session->user.language == code}});
    }
    return auth_.Render(r, r.T("account_title"), "account",
                        {{"name", r.session->user.name},
                         {"email", r.session->user.email},
                         {"languages", languages},
                         {"message", message},
                         {"error", error},
                         {"has_error", !error.empty()},
                         {"min_length", std::to_string(kMinPasswordLength)}},
                        status);
  }

  http::Response UpdateAccount(WebRequest& r) {
    const Micros now = clock_.Now();
    const User& me = r.session->user;
    auto c = auth_.pool().Acquire();
    if (!c.ok()) return AccountForm(r, "", r.T("database_unavailable"), 503);
    if (web::FormValue(r.form, "form") == "language") {
      UserChange change;
      change.language = web::FormValue(r.form, "language");
      if (auto updated = UpdateUser(**c, me.id, change, now); !updated.ok()) {
        return AccountForm(r, "", updated.error().message, 400);
      }
      return web::Redirect(r.http, "/account");
    }
    const std::string current = web::FormValue(r.form, "current_password");
    const std::string password = web::FormValue(r.form, "password");
    if (!VerifyPassword(current, GetPasswordHash(**c, me.id).value_or(""))) {
      return AccountForm(r, "", r.T("current_password_wrong"), 400);
    }
    if (password != web::FormValue(r.form, "password_again")) return AccountForm(r, "", r.T("passwords_differ"), 400);
    if (auto ok = CheckNewPassword(password, me.email, me.name); !ok.ok()) {
      return AccountForm(r, "", PasswordError(r, ok.error()), 400);
    }
    auto hash = HashPassword(password);
    if (!hash.ok()) return AccountForm(r, "", hash.error().message, 503);
    // Ends every session of the user (other browsers too); this browser gets a new one.
    if (auto set = SetPasswordHash(**c, me.id, *hash, now); !set.ok()) {
      return AccountForm(r, "", set.error().message, 503);
    }
    Record(r, me.email, "password.changed", "all sessions ended");
    auto token = auth_.sessions().Create(me.id, "");
    if (!token.ok()) return web::Redirect(r.http, "/login");
    return WithCookie(web::Redirect(r.http, "/account?changed=1"), auth_.sessions().CookieFor(*token));
  }

 private:
  // The argon2id hash of a random password, verified against when the user is unknown.
  static const std::string& DummyHash() {
    static const std::string kHash = HashPassword("klantstem dummy password for timing").value_or("");
    return kHash;
  }

  std::string PasswordError(const WebRequest& r, const Error& e) {
    if (e.message.find("at least") != std::string::npos) {
      return r.messages.Format("password_too_short", {std::to_string(kMinPasswordLength)});
    }
    if (e.message.find("common") != std::string::npos) return r.T("password_common");
    if (e.message.find("e-mail") != std::string::npos) return r.T("password_is_name");
    return e.message;
  }

  http::Response Message(WebRequest& r, const std::string& text, int status) {
    return auth_.Render(r, r.T("message_title"), "message", {{"heading", r.T("message_title")}, {"text", text}},
                        status);
  }

  void Record(const WebRequest& r, const std::string& actor, const std::string& action, const std::string& detail) {
    auto c = auth_.pool().Acquire();
    if (!c.ok() || !Audit(**c, {0, clock_.Now(), actor, action, actor, detail, r.http.remote_ip}).ok()) {
      spdlog::warn("could not write the audit log entry {} for {}", action, actor);
    }
  }

  WebAuth& auth_;
  LoginThrottle& throttle_;
  const Clock& clock_;
};

}  // namespace

void AddAccountPages(http::Router& router, WebAuth& auth, LoginThrottle& throttle, const Clock& clock) {
  auto pages = std::make_shared<AccountPages>(auth, throttle, clock);
  router.Add("GET", "/", auth.Page([](WebRequest& r) { return web::Redirect(r.http, "/inbox"); }));
  router.Add("GET", "/login", auth.Public([pages](WebRequest& r) { return pages->LoginForm(r, "", 200); }));
  router.Add("POST", "/login", auth.Public([pages](WebRequest& r) { return pages->Login(r); }));
  router.Add("POST", "/logout", auth.Page([pages](WebRequest& r) { return pages->Logout(r); }));
  for (auto [prefix, purpose] :
       {std::pair{"/invite/", TokenPurpose::kInvite}, std::pair{"/password/reset/", TokenPurpose::kReset}}) {
    router.Add("GET", std::string(prefix) + "{token}", auth.Public([pages, purpose = purpose](WebRequest& r) {
      return pages->SetPasswordForm(r, purpose, "", 200);
    }));
    router.Add("POST", std::string(prefix) + "{token}",
               auth.Public([pages, purpose = purpose](WebRequest& r) { return pages->SetPassword(r, purpose); }));
  }
  router.Add("GET", "/password/forgot", auth.Public([pages](WebRequest& r) { return pages->ForgotForm(r, false); }));
  router.Add("POST", "/password/forgot", auth.Public([pages](WebRequest& r) { return pages->Forgot(r); }));
  router.Add("GET", "/account", auth.Page([pages](WebRequest& r) {
    return pages->AccountForm(r, r.http.Query("changed") ? r.T("password_changed") : "", "", 200);
  }));
  router.Add("POST", "/account", auth.Page([pages](WebRequest& r) { return pages->UpdateAccount(r); }));
}

}  // namespace ks
