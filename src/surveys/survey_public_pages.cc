#include "surveys/survey_public_pages.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <functional>
#include <mstch/mstch.hpp>
#include <mutex>
#include <shared_mutex>
#include <unordered_map>

#include "base/embedded_file.h"
#include "base/random.h"
#include "surveys/answer_service.h"
#include "surveys/invitation_store.h"
#include "surveys/survey_mail.h"
#include "surveys/survey_store.h"
#include "web/charts/svg_writer.h"
#include "web/forms.h"

namespace ks::surveys {

const std::vector<EmbeddedFile>& EmbeddedSurveyTemplates();
const std::vector<EmbeddedFile>& EmbeddedSurveyCatalogs();
const std::vector<EmbeddedFile>& EmbeddedSurveyStyle();

const web::I18n& SurveyTexts() {
  static const web::I18n kTexts(EmbeddedSurveyCatalogs());
  return kTexts;
}

namespace {

constexpr Micros kAnswerWindow = 24LL * 3600 * kMicrosPerSecond;  // a second answer updates the first
constexpr Micros kCacheLife = Micros{5} * kMicrosPerSecond;
constexpr size_t kMaxCachedPages = 4096;
constexpr size_t kMaxCachedTokens = 100'000;
// Slots in cached pages for what differs per visitor (control characters never occur in page text).
const std::string kActionSlot =
    "\x01"
    "action"
    "\x01";
const std::string kNonceSlot =
    "\x01"
    "nonce"
    "\x01";

void Replace(std::string& text, const std::string& slot, const std::string& value) {
  for (size_t at = text.find(slot); at != std::string::npos; at = text.find(slot, at + value.size())) {
    text.replace(at, slot.size(), value);
  }
}

std::string Embedded(const std::vector<EmbeddedFile>& files, std::string_view name) {
  for (const auto& f : files) {
    if (name == f.name) return f.content;
  }
  throw std::logic_error("missing embedded file " + std::string(name));
}

std::map<std::string, std::string> FormMap(std::string_view body) {
  std::map<std::string, std::string> out;
  for (auto& [k, v] : web::ParseForm(body)) out.emplace(k, v);
  return out;
}

// A survey as the anonymous link finds it.
struct SlugEntry {
  std::int64_t id = 0;
  int version = 1;
  Micros written_at = 0;
  bool active = false;
  std::vector<std::string> embed_origins;
  Micros loaded_at = 0;
};

// What a page is about: the survey, its language and where the form posts.
struct PageTarget {
  std::shared_ptr<const SurveyDefinition> survey;
  const web::Catalog* texts = nullptr;
  std::string language;
  std::string action;
  std::string nonce;  // anonymous forms: the answer's key
  std::string token;  // an invitation's link token
  std::int64_t survey_id = 0;
  int survey_version = 1;
  Micros written_at = 0;  // the version's created_at: with id and version, what rendered pages are cached by
  std::vector<std::string> frame_origins;  // embedded pages: who may frame them
};

class Pages {
 public:
  Pages(db::ConnectionPool& pool, db::GroupCommitWriter& writer, const text::TextAnalyzer& analyzer, const Clock& clock,
        PublicPagesOptions options)
      : pool_(pool),
        writer_(writer),
        answers_(writer, analyzer, clock),
        clock_(clock),
        options_(options),
        limiter_(clock, options.anonymous_limit),
        template_(Embedded(EmbeddedSurveyTemplates(), "survey_page.mustache")),
        css_(Embedded(EmbeddedSurveyStyle(), "survey.css")),
        css_version_(DigestHex(css_).substr(0, 10)) {}

  void Css(const http::Request& req, const http::Responder& respond) {
    std::string colour = req.Query("c").value_or("");
    const bool hex = colour.size() == 6 && std::all_of(colour.begin(), colour.end(), ::isxdigit);
    http::Response r{200, "text/css; charset=utf-8", css_ + ":root{--brand:#" + (hex ? colour : "1d4ed8") + "}\n", {}};
    r.headers.emplace_back("Cache-Control", "public, max-age=31536000, immutable");
    r.headers.emplace_back("X-Content-Type-Options", "nosniff");
    respond(std::move(r));
  }

  void GetInvitation(const http::Request& req, const http::Responder& respond) {
    auto found = Find(req, respond);
    if (!found) return;
    auto& [inv, target] = *found;
    if (!inv.opened_at) {
      Remember(target.token, [this](InvitationByToken& cached) { cached.opened_at = Now(); });
      writer_.Submit({{"UPDATE invitations SET opened_at = $2 WHERE id = $1 AND opened_at IS NULL", {inv.id, Now()}}},
                     [](const Result<std::vector<db::Rows>>&) {});
    }
    if (auto score = req.Query("score")) {
      // A score clicked in the mail: it counts at once, then the rest of the survey follows.
      auto answer = ParseAnswerForm(*target.survey, {{"score", *score}}, false);
      if (!answer.ok()) return respond(ScorePage(target, answer.error().message, 400));
      return Save(InvitationAnswer(inv), target, std::move(answer).value(), respond);
    }
    respond(ScorePage(target, "", 200));
  }

  void PostInvitation(const http::Request& req, const http::Responder& respond) {
    if (!CheckPost(req, respond)) return;
    auto found = Find(req, respond);
    if (!found) return;
    auto& [inv, target] = *found;
    PostAnswer(req, target, InvitationAnswer(inv), respond);
  }

  void GetAnonymous(const http::Request& req, const http::Responder& respond) {
    auto target = Anonymous(req, respond);
    if (!target) return;
    target->nonce = RandomToken(16);
    respond(ScorePage(*target, "", 200));
  }

  void PostAnonymous(const http::Request& req, const http::Responder& respond) {
    if (!CheckPost(req, respond)) return;
    auto target = Anonymous(req, respond);
    if (!target) return;
    if (!limiter_.Allow(req.remote_ip)) {
      return respond(Message(*target, "throttled_title", "throttled_text", 429));
    }
    const auto form = FormMap(req.body);
    const auto k = form.find("k");
    target->nonce = k != form.end() && k->second.size() == 22 ? k->second : RandomToken(16);
    AnswerTarget answer;
    answer.survey_id = target->survey_id;
    answer.idempotency_key = "anon:" + target->nonce;
    answer.unit = req.Query("unit").value_or("");
    answer.channel = req.Query("channel").value_or("") == "qr" ? "qr" : "web";
    answer.survey_version = target->survey_version;
    PostAnswer(req, *target, answer, respond);
  }

  void GetUnsubscribe(const http::Request& req, const http::Responder& respond) {
    auto found = FindToken(req, respond, false);
    if (!found) return;
    PageTarget& target = found->second;
    target.action = "/u/" + req.path_params.at("token");
    respond(Render(target, 200, CacheKey(target, "unsubscribe"), [&] {
      mstch::map body = Base(target);
      body["unsubscribe"] = true;
      body["message_title"] = target.texts->Get("unsubscribe_title");
      body["message_text"] = target.texts->Get("unsubscribe_text");
      body["button"] = target.texts->Get("unsubscribe_button");
      return body;
    }));
  }

  // A click on the page's button, or a mail client's RFC 8058 one-click POST: no Origin check.
  void PostUnsubscribe(const http::Request& req, const http::Responder& respond) {
    auto found = FindToken(req, respond, false);
    if (!found) return;
    auto target = found->second;
    const Micros now = Now();
    writer_.Submit(
        {{"UPDATE customers SET opted_out_at = COALESCE(opted_out_at, $2), updated_at = $2 WHERE id = $1",
          {found->first.customer_id, now}},
         {"UPDATE invitations SET state = 'skipped', skip_reason = 'opted_out' WHERE customer_id = $1 AND state = "
          "'scheduled'",
          {found->first.customer_id}}},
        [this, target, respond](const Result<std::vector<db::Rows>>& result) {
          if (!result.ok()) return respond(Message(target, "invalid_title", "throttled_text", 503));
          respond(Message(target, "unsubscribe_title", "unsubscribed_text", 200));
        });
  }

 private:
  using Found = std::pair<InvitationByToken, PageTarget>;

  Micros Now() const { return clock_.Now(); }

  OrganisationSettings Settings() {  // a copy: another request may reload it meanwhile
    std::lock_guard lock(mutex_);
    const std::uint64_t saves = SettingsSavesInThisProcess();
    if (Now() - settings_loaded_ > kCacheLife || saves != settings_saves_seen_) {
      settings_saves_seen_ = saves;
      auto c = pool_.Acquire();
      if (c.ok()) {
        if (auto s = LoadSettings(**c); s.ok()) settings_ = *s;
      }
      settings_loaded_ = Now();
    }
    return settings_;
  }

  // A survey version's definition; versions are immutable once written (an overwrite changes written_at).
  Result<std::shared_ptr<const SurveyDefinition>> Definition(std::int64_t id, int version, Micros written_at) {
    const auto key = std::make_tuple(id, version, written_at);
    {
      std::lock_guard lock(mutex_);
      if (auto it = definitions_.find(key); it != definitions_.end()) return it->second;
    }
    KS_ASSIGN_OR_RETURN(auto c, pool_.Acquire());
    KS_ASSIGN_OR_RETURN(SurveyDefinition d, GetSurveyVersion(*c, id, version));
    auto shared = std::make_shared<const SurveyDefinition>(std::move(d));
    std::lock_guard lock(mutex_);
    if (definitions_.size() >= kMaxCachedPages) definitions_.clear();  // old versions of often edited surveys
    definitions_.emplace(key, shared);
    return shared;
  }

  PageTarget Target(std::shared_ptr<const SurveyDefinition> survey, const std::string& preferred,
                    const http::Request& req) {
    PageTarget t;
    t.language = IsSurveyLanguage(preferred)
                     ? preferred
                     : SurveyTexts().Pick(req.Query("lang").value_or(""), req.Header("accept-language"),
                                          survey->default_language);
    t.texts = &SurveyTexts().For(t.language);
    t.survey = std::move(survey);
    return t;
  }

  // The invitation of a link token. Kept briefly: survey pages are read far more often than their
  // invitation changes; an answer given here drops the entry at once, other nodes see it within
  // kCacheLife. Unknown tokens are never kept.
  Result<InvitationByToken> Invitation(const std::string& token) {
    {
      std::shared_lock lock(tokens_mutex_);
      if (auto it = tokens_.find(token); it != tokens_.end() && Now() - it->second.second < kCacheLife) {
        return it->second.first;
      }
    }
    KS_ASSIGN_OR_RETURN(auto c, pool_.Acquire());
    KS_ASSIGN_OR_RETURN(InvitationByToken inv, FindInvitationByToken(*c, token));
    std::unique_lock lock(tokens_mutex_);
    if (tokens_.size() >= kMaxCachedTokens) tokens_.clear();
    tokens_.insert_or_assign(token, std::pair{inv, Now()});
    return inv;
  }
  void Remember(const std::string& token, const std::function<void(InvitationByToken&)>& change) {
    std::unique_lock lock(tokens_mutex_);
    if (auto it = tokens_.find(token); it != tokens_.end()) change(it->second.first);
  }
  void Forget(const std::string& token) {
    std::unique_lock lock(tokens_mutex_);
    tokens_.erase(token);
  }

  // The invitation of /s/<token> or /u/<token>; answers with a friendly page when there is none.
  std::optional<Found> FindToken(const http::Request& req, const http::Responder& respond, bool check_expiry) {
    const std::string token = req.path_params.at("token");
    auto inv = token.size() == 22 ? Invitation(token) : Result<InvitationByToken>(Error::NotFound(""));
    if (!inv.ok()) return Fail(req, respond, inv.error().code == ErrorCode::kNotFound ? 404 : 503);
    auto survey = Definition(inv->survey_id, inv->survey_version, inv->version_written_at);
    if (!survey.ok()) return Fail(req, respond, 503);
    PageTarget target = Target(*survey, inv->language, req);
    target.action = "/s/" + token;
    target.token = token;
    target.survey_id = inv->survey_id;
    target.survey_version = inv->survey_version;
    target.written_at = inv->version_written_at;
    if (check_expiry) {
      const Micros now = Now();
      if (inv->answered_at && now - *inv->answered_at > kAnswerWindow) {
        respond(Message(target, "closed_title", "closed_text", 200));
        return std::nullopt;
      }
      // No expiry yet: the sender has not recorded the message as sent, though the customer may already
      // have it (the link went out just before the sender's write committed).
      if (!inv->answered_at && inv->expires_at != 0 && inv->expires_at < now) {
        respond(Message(target, "expired_title", "expired_text", 410));
        return std::nullopt;
      }
    }
    return Found{std::move(inv).value(), std::move(target)};
  }
  std::optional<Found> Find(const http::Request& req, const http::Responder& respond) {
    return FindToken(req, respond, true);
  }

  std::optional<PageTarget> Anonymous(const http::Request& req, const http::Responder& respond) {
    const std::string slug = req.path_params.at("slug");
    SlugEntry entry;
    {
      std::lock_guard lock(mutex_);
      if (auto it = slugs_.find(slug); it != slugs_.end() && Now() - it->second.loaded_at < kCacheLife) {
        entry = it->second;
      }
    }
    if (entry.loaded_at == 0) {
      auto c = pool_.Acquire();
      if (!c.ok()) return Fail(req, respond, 503);
      auto survey = GetSurvey(**c, slug);
      if (!survey.ok()) return Fail(req, respond, survey.error().code == ErrorCode::kNotFound ? 404 : 503);
      auto rows = (*c)->Query("SELECT created_at FROM survey_versions WHERE survey_id = $1 AND version = $2",
                              {survey->id, std::int64_t{survey->version}});
      if (!rows.ok() || rows->empty()) return Fail(req, respond, 503);
      entry = {
          survey->id, survey->version, db::AsInt(rows->rows[0][0]), survey->active, survey->definition.embed_origins,
          Now()};
      std::lock_guard lock(mutex_);
      slugs_[slug] = entry;
    }
    if (!entry.active) return Fail(req, respond, 404);
    auto survey = Definition(entry.id, entry.version, entry.written_at);
    if (!survey.ok()) return Fail(req, respond, 503);
    PageTarget target = Target(*survey, "", req);
    target.survey_id = entry.id;
    target.survey_version = entry.version;
    target.written_at = entry.written_at;
    std::string query;
    for (const char* name : {"unit", "channel", "lang", "embed"}) {
      if (auto v = req.Query(name)) query += (query.empty() ? "?" : "&") + std::string(name) + "=" + web::UrlEncode(*v);
    }
    target.action = "/f/" + slug + query;
    if (req.Query("embed") == "1") {
      target.frame_origins = entry.embed_origins;
      if (target.frame_origins.empty()) target.frame_origins.push_back("'none'");
    }
    return target;
  }

  // A friendly page for a link that does not work, in the browser's language.
  std::nullopt_t Fail(const http::Request& req, const http::Responder& respond, int status) {
    PageTarget t;
    t.language = SurveyTexts().Pick("", req.Header("accept-language"), "nl");
    t.texts = &SurveyTexts().For(t.language);
    if (status == 404) {
      respond(Message(t, "unknown_title", "unknown_text", 404));
    } else {
      respond(Message(t, "invalid_title", "throttled_text", status));
    }
    return std::nullopt;
  }

  AnswerTarget InvitationAnswer(const InvitationByToken& inv) {
    AnswerTarget t{inv.survey_id, inv.survey_version, "inv:" + std::to_string(inv.id), inv.id, false, inv.customer_ref,
                   inv.unit,      inv.channel};
    t.invitation_answered = inv.answered_at.has_value() && inv.feedback_id.has_value();
    return t;
  }

  bool CheckPost(const http::Request& req, const http::Responder& respond) {
    if (req.body.size() > options_.max_form_bytes) {
      respond(http::HttpErrorResponse(413, "payload_too_large", "the form is larger than 64 KB"));
      return false;
    }
    if (!req.Header("origin").empty() && !web::SameOrigin(req)) {
      respond(http::HttpErrorResponse(403, "cross_origin", "the form was posted from another site"));
      return false;
    }
    return true;
  }

  void PostAnswer(const http::Request& req, const PageTarget& target, const AnswerTarget& answer_target,
                  const http::Responder& respond) {
    const auto form = FormMap(req.body);
    const bool details = form.contains("step") && form.at("step") == "details";
    auto answer = ParseAnswerForm(*target.survey, form, details);
    if (!answer.ok()) {
      if (answer.error().field == "score" && !details) return respond(ScorePage(target, answer.error().message, 400));
      return respond(DetailsPage(target, form, answer.error().message, 400));
    }
    Save(answer_target, target, std::move(answer).value(), respond);
  }

  void Save(const AnswerTarget& answer_target, PageTarget target, Answer answer, const http::Responder& respond) {
    answer.language = target.language;
    const bool details = answer.details;
    const Mood mood = MoodOf(target.survey->scale, answer.score);
    std::map<std::string, std::string> form{{"score", std::to_string(answer.score)}};
    const auto survey = target.survey;  // `target` moves into the callback below
    answers_.Record(
        answer_target, *survey, answer,
        [this, target = std::move(target), details, mood, form, respond](const Result<std::int64_t>& saved) {
          if (!target.token.empty()) {
            if (saved.ok()) {
              // What the answer changed, so the next request needs no database read.
              const Micros now = Now();
              Remember(target.token, [&](InvitationByToken& inv) {
                if (!inv.answered_at) inv.answered_at = now;
                if (!inv.opened_at) inv.opened_at = now;
                inv.feedback_id = *saved;
              });
            } else {
              Forget(target.token);
            }
          }
          if (!saved.ok()) {
            spdlog::warn("survey answer not saved: {}", saved.error().message);
            return respond(Message(target, "invalid_title", "throttled_text", 503));
          }
          if (!details) return respond(DetailsPage(target, form, "", 200));
          respond(Thanks(target, mood));
        });
  }

  mstch::map Base(const PageTarget& t) {
    const OrganisationSettings s = Settings();
    return {{"lang", t.language},
            {"title", t.texts->Get("page_title")},
            {"organisation", s.name},
            {"css", "/survey.css?v=" + css_version_ + "&c=" + s.brand_colour.substr(1)},
            {"logo", s.logo_version.empty() ? "" : "/logo?v=" + s.logo_version},
            {"action", kActionSlot},
            {"nonce", t.nonce.empty() ? "" : kNonceSlot}};
  }

  // What a cached page depends on besides its own kind: the survey version, the language and the
  // organisation's name and colour.
  std::string CacheKey(const PageTarget& t, const std::string& kind) {
    const OrganisationSettings s = Settings();
    return fmt::format("{}|{}|{}|{}|{}|{}|{}|{}|{}", kind, t.survey_id, t.survey_version, t.written_at, t.language,
                       t.nonce.empty() ? "" : "anonymous", s.name, s.brand_colour, s.logo_version);
  }

  std::string Text(const PageTarget& t, const Texts& texts) {
    return TextIn(texts, t.language, t.survey->default_language);
  }

  mstch::array Scores(const PageTarget& t, int selected) {
    const SurveyDefinition& d = *t.survey;
    mstch::array scores;
    for (int v = ScaleMin(d.scale); v <= ScaleMax(d.scale); ++v) {
      std::string end;
      if (v == ScaleMin(d.scale)) end = t.texts->Get(ScaleEndKey(d.scale, false));
      if (v == ScaleMax(d.scale)) end = t.texts->Get(ScaleEndKey(d.scale, true));
      scores.emplace_back(mstch::map{{"value", std::to_string(v)}, {"end", end}, {"checked", v == selected}});
    }
    return scores;
  }

  http::Response ScorePage(const PageTarget& t, const std::string& error, int status) {
    return Render(t, status, error.empty() ? CacheKey(t, "score") : "", [&] { return ScoreBody(t, error); });
  }

  mstch::map ScoreBody(const PageTarget& t, const std::string& error) {
    mstch::map body = Base(t);
    body["step_score"] = true;
    body["error"] = error;
    body["question"] = Text(t, t.survey->question);
    body["scores"] = Scores(t, -1);
    body["low"] = t.texts->Get(ScaleEndKey(t.survey->scale, false));
    body["high"] = t.texts->Get(ScaleEndKey(t.survey->scale, true));
    return body;
  }

  // The second step; cached when it shows only the score just saved (not a form sent back with an error).
  http::Response DetailsPage(const PageTarget& t, const std::map<std::string, std::string>& form,
                             const std::string& error, int status) {
    const bool plain = error.empty() && form.size() == 1 && form.contains("score");
    return Render(t, status, plain ? CacheKey(t, "details " + form.at("score")) : "",
                  [&] { return DetailsBody(t, form, error); });
  }

  mstch::map DetailsBody(const PageTarget& t, const std::map<std::string, std::string>& form,
                         const std::string& error) {
    const SurveyDefinition& d = *t.survey;
    const auto value = [&form](const std::string& key) {
      const auto it = form.find(key);
      return it == form.end() ? std::string() : it->second;
    };
    int score = ScaleMin(d.scale);
    try {
      score = std::stoi(value("score"));
    } catch (const std::exception&) {
    }
    if (!InScale(d.scale, score)) score = ScaleMin(d.scale);
    const Mood mood = MoodOf(d.scale, score);
    const std::string mood_name(MoodName(mood));
    const auto open = d.open_question.find(mood);
    std::string open_question = open == d.open_question.end() ? "" : Text(t, open->second);
    if (open_question.empty()) open_question = t.texts->Get("open_" + mood_name);
    mstch::array drivers, choices;
    for (const auto& driver : d.drivers) {
      mstch::array values;
      for (int v = 1; v <= driver.max; ++v) {
        values.emplace_back(mstch::map{{"key", driver.key},
                                       {"value", std::to_string(v)},
                                       {"checked", value("d_" + driver.key) == std::to_string(v)}});
      }
      drivers.emplace_back(mstch::map{{"label", Text(t, driver.label).empty() ? driver.key : Text(t, driver.label)},
                                      {"values", values},
                                      {"optional", t.texts->Get("optional")}});
    }
    for (const auto& choice : d.choices) {
      mstch::array options;
      for (const auto& o : choice.options) {
        options.emplace_back(mstch::map{{"question", choice.key},
                                        {"key", o.key},
                                        {"label", Text(t, o.label).empty() ? o.key : Text(t, o.label)},
                                        {"checked", value("c_" + choice.key) == o.key}});
      }
      choices.emplace_back(mstch::map{{"label", Text(t, choice.label).empty() ? choice.key : Text(t, choice.label)},
                                      {"options", options},
                                      {"optional", t.texts->Get("optional")}});
    }
    std::string consent = Text(t, d.consent_question);
    if (consent.empty()) consent = t.texts->Get("consent");
    mstch::map body = Base(t);
    body["step_details"] = true;
    body["error"] = error;
    body["saved"] = error.empty() ? t.texts->Get("saved_score") : "";
    body["question"] = Text(t, d.question);
    body["scores"] = Scores(t, score);
    body["open_question"] = open_question;
    body["optional"] = t.texts->Get("optional");
    body["text"] = value("text");
    body["has_drivers"] = !d.drivers.empty();
    body["rate_drivers"] = t.texts->Get("rate_drivers");
    body["drivers"] = drivers;
    body["choices"] = choices;
    body["ask_consent"] = t.nonce.empty();  // anonymous answers have nobody to contact
    body["consent"] = consent;
    body["yes"] = t.texts->Get("yes");
    body["no"] = t.texts->Get("no");
    body["submit"] = t.texts->Get("submit");
    return body;
  }

  http::Response Thanks(const PageTarget& t, Mood mood) {
    const std::string mood_name(MoodName(mood));
    return Render(t, 200, CacheKey(t, "thanks " + mood_name), [&] {
      const auto own = t.survey->thanks.find(mood);
      std::string text = own == t.survey->thanks.end() ? "" : Text(t, own->second);
      if (text.empty()) text = t.texts->Get("thanks_" + mood_name);
      mstch::map body = Base(t);
      body["message"] = true;
      body["message_title"] = t.texts->Get("page_title");
      body["message_text"] = text;
      return body;
    });
  }

  http::Response Message(const PageTarget& t, const std::string& title, const std::string& text, int status) {
    return Render(t, status, CacheKey(t, "message " + title + " " + text), [&] {
      mstch::map body = Base(t);
      body["message"] = true;
      body["message_title"] = t.texts->Get(title);
      body["message_text"] = t.texts->Get(text);
      return body;
    });
  }

  // The page `build` describes. Rendering with mstch parses the template every time, so pages that are
  // the same for every visitor of a survey version are rendered once (with slots for the form's action
  // and nonce) and kept under `cache_key`; an empty key renders afresh.
  http::Response Render(const PageTarget& t, int status, const std::string& cache_key,
                        const std::function<mstch::map()>& build) {
    std::string html;
    if (!cache_key.empty()) {
      std::shared_lock lock(pages_mutex_);
      if (auto it = pages_.find(cache_key); it != pages_.end()) html = it->second;
    }
    if (html.empty()) {
      html = mstch::render(template_, build());
      if (!cache_key.empty()) {
        std::unique_lock lock(pages_mutex_);
        if (pages_.size() >= kMaxCachedPages) pages_.clear();
        pages_.emplace(cache_key, html);
      }
    }
    Replace(html, kActionSlot, web::charts::EscapeXml(t.action));
    Replace(html, kNonceSlot, t.nonce);
    http::Response r{status, "text/html; charset=utf-8", std::move(html), {}};
    std::string frames = "'none'";
    if (!t.frame_origins.empty()) {
      frames.clear();
      for (const auto& o : t.frame_origins) frames += (frames.empty() ? "" : " ") + o;
    }
    r.headers.emplace_back("Content-Security-Policy",
                           "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
                           "base-uri 'none'; frame-ancestors " +
                               frames);
    if (t.frame_origins.empty()) r.headers.emplace_back("X-Frame-Options", "DENY");
    r.headers.emplace_back("X-Content-Type-Options", "nosniff");
    // The link's token must not leak to other sites through the Referer header.
    r.headers.emplace_back("Referrer-Policy", "same-origin");  // ("no-referrer" would make forms post Origin: null)
    r.headers.emplace_back("Cache-Control", "no-store");
    return r;
  }

  db::ConnectionPool& pool_;
  db::GroupCommitWriter& writer_;
  AnswerService answers_;
  const Clock& clock_;
  PublicPagesOptions options_;
  RateLimiter limiter_;
  const std::string template_;
  const std::string css_;
  const std::string css_version_;
  std::mutex mutex_;
  std::shared_mutex pages_mutex_;
  std::shared_mutex tokens_mutex_;
  std::unordered_map<std::string, std::pair<InvitationByToken, Micros>> tokens_;
  std::unordered_map<std::string, std::string> pages_;
  OrganisationSettings settings_;
  Micros settings_loaded_ = -kCacheLife - 1;
  std::uint64_t settings_saves_seen_ = 0;
  std::map<std::tuple<std::int64_t, int, Micros>, std::shared_ptr<const SurveyDefinition>> definitions_;
  std::map<std::string, SlugEntry> slugs_;
};

}  // namespace

void AddSurveyPublicPages(http::Router& router, db::ConnectionPool& pool, db::GroupCommitWriter& writer,
                          const text::TextAnalyzer& analyzer, const Clock& clock, PublicPagesOptions options) {
  auto pages = std::make_shared<Pages>(pool, writer, analyzer, clock, options);
  router.Add("GET", "/survey.css", [pages](const auto& req, const auto& respond) { pages->Css(req, respond); });
  router.Add("GET", "/s/{token}",
             [pages](const auto& req, const auto& respond) { pages->GetInvitation(req, respond); });
  router.Add("POST", "/s/{token}",
             [pages](const auto& req, const auto& respond) { pages->PostInvitation(req, respond); });
  router.Add("GET", "/f/{slug}", [pages](const auto& req, const auto& respond) { pages->GetAnonymous(req, respond); });
  router.Add("POST", "/f/{slug}",
             [pages](const auto& req, const auto& respond) { pages->PostAnonymous(req, respond); });
  router.Add("GET", "/u/{token}",
             [pages](const auto& req, const auto& respond) { pages->GetUnsubscribe(req, respond); });
  router.Add("POST", "/u/{token}",
             [pages](const auto& req, const auto& respond) { pages->PostUnsubscribe(req, respond); });
}

}  // namespace ks::surveys
