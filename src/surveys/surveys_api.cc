#include "surveys/surveys_api.h"

#include "accounts/api_auth.h"
#include "accounts/organisation_settings.h"
#include "base/time.h"
#include "surveys/response_report.h"
#include "surveys/survey_store.h"

namespace ks::surveys {
namespace {

using nlohmann::json;

constexpr Micros kTwelveWeeks = 12LL * 7 * 24 * 3600 * kMicrosPerSecond;
constexpr Micros kTwoWeeks = 2LL * 7 * 24 * 3600 * kMicrosPerSecond;

// Authorizes, runs `read` on a pooled connection and answers with its JSON (status 200) or the error.
template <typename F>
void Answer(ApiKeyAuthenticator& auth, db::ConnectionPool& pool, const http::Request& req,
            const http::Responder& respond, std::string_view scope, F read) {
  if (auto key = Authorize(auth, req, scope); !key.ok()) return respond(http::ErrorResponse(key.error()));
  auto c = pool.Acquire();
  if (!c.ok()) return respond(http::ErrorResponse(c.error()));
  Result<std::pair<int, json>> body = read(**c);
  if (!body.ok()) return respond(http::ErrorResponse(body.error()));
  respond(http::JsonResponse(body->first, body->second));
}

json TouchpointJson(const RecordedTouchpoint& t) {
  json invitations = json::array();
  for (const auto& i : t.invitations) {
    invitations.push_back(
        {{"id", i.id}, {"survey", i.survey}, {"channel", i.channel}, {"scheduled_at", FormatRfc3339(i.scheduled_at)}});
  }
  return {{"id", t.id}, {"created", t.created}, {"invitations", invitations}};
}

std::optional<json> Body(const http::Request& req, const http::Responder& respond) {
  http::Response rejection;
  auto body = http::ReadJsonBody(req, rejection);
  if (!body) respond(rejection);
  return body;
}

}  // namespace

Result<std::pair<Micros, Micros>> ReportPeriod(const std::multimap<std::string, std::string>& query, Micros now) {
  // Up to two weeks ahead: invitations already scheduled count as invited (a delivery's survey waits a
  // day, and one that would land in the quiet hours waits for the morning after).
  std::pair<Micros, Micros> period{now - kTwelveWeeks, now + kTwoWeeks};
  for (auto [name, target] : {std::pair{"from", &period.first}, std::pair{"to", &period.second}}) {
    const auto it = query.find(name);
    if (it == query.end() || it->second.empty()) continue;
    auto t = ParseRfc3339(it->second);
    if (!t.ok()) return Error::Invalid(name, "'" + it->second + "' is not a date or RFC 3339 time");
    *target = *t;
  }
  if (period.first >= period.second) return Error::Invalid("to", "must be after from");
  return period;
}

void AddSurveyRoutes(http::Router& router, TouchpointService& touchpoints, db::ConnectionPool& pool,
                     ApiKeyAuthenticator& auth, const Clock& clock) {
  router.Add("POST", "/api/v1/touchpoints", [&](const http::Request& req, const http::Responder& respond) {
    if (auto key = Authorize(auth, req, "feedback:write"); !key.ok()) {
      return respond(http::ErrorResponse(key.error()));
    }
    auto body = Body(req, respond);
    if (!body) return;
    auto touchpoint = ParseTouchpointJson(*body, clock.Now());
    if (!touchpoint.ok()) return respond(http::ErrorResponse(touchpoint.error()));
    touchpoints.Record(std::move(touchpoint).value(), [respond](Result<RecordedTouchpoint> recorded) {
      if (!recorded.ok()) return respond(http::ErrorResponse(recorded.error()));
      respond(http::JsonResponse(recorded->created ? 201 : 200, TouchpointJson(*recorded)));
    });
  });
  router.Add("GET", "/api/v1/surveys", [&](const http::Request& req, const http::Responder& respond) {
    Answer(auth, pool, req, respond, "feedback:read", [](db::Connection& c) -> Result<std::pair<int, json>> {
      KS_ASSIGN_OR_RETURN(auto surveys, ListSurveys(c));
      json items = json::array();
      for (const auto& s : surveys) items.push_back(SurveyToJson(s));
      return std::pair{200, json{{"items", items}}};
    });
  });
  router.Add("GET", "/api/v1/surveys/{slug}", [&](const http::Request& req, const http::Responder& respond) {
    Answer(auth, pool, req, respond, "feedback:read", [&req](db::Connection& c) -> Result<std::pair<int, json>> {
      KS_ASSIGN_OR_RETURN(Survey s, GetSurvey(c, req.path_params.at("slug")));
      return std::pair{200, SurveyToJson(s)};
    });
  });
  router.Add("POST", "/api/v1/surveys", [&](const http::Request& req, const http::Responder& respond) {
    auto body = Body(req, respond);
    if (!body) return;
    Answer(auth, pool, req, respond, "admin", [&](db::Connection& c) -> Result<std::pair<int, json>> {
      KS_ASSIGN_OR_RETURN(Survey parsed, ParseSurveyJson(*body));
      KS_ASSIGN_OR_RETURN(Survey created, CreateSurvey(c, parsed, clock.Now()));
      return std::pair{201, SurveyToJson(created)};
    });
  });
  router.Add("PUT", "/api/v1/surveys/{slug}", [&](const http::Request& req, const http::Responder& respond) {
    auto body = Body(req, respond);
    if (!body) return;
    Answer(auth, pool, req, respond, "admin", [&](db::Connection& c) -> Result<std::pair<int, json>> {
      const std::string slug = req.path_params.at("slug");
      json with_slug = *body;
      if (with_slug.is_object() && !with_slug.contains("slug")) with_slug["slug"] = slug;
      KS_ASSIGN_OR_RETURN(Survey parsed, ParseSurveyJson(with_slug));
      if (parsed.slug != slug) return Error::Invalid("slug", "a survey's slug cannot change (its links are printed)");
      KS_ASSIGN_OR_RETURN(Survey updated, UpdateSurvey(c, slug, parsed, clock.Now()));
      return std::pair{200, SurveyToJson(updated)};
    });
  });
  router.Add("GET", "/api/v1/invitations", [&](const http::Request& req, const http::Responder& respond) {
    Answer(auth, pool, req, respond, "feedback:read", [&req](db::Connection& c) -> Result<std::pair<int, json>> {
      const auto customer = req.Query("customer");
      if (!customer || customer->empty()) return Error::Invalid("customer", "give the customer's external_ref");
      KS_ASSIGN_OR_RETURN(int limit, http::QueryLimit(req, 50, 500));
      KS_ASSIGN_OR_RETURN(auto invitations, ListCustomerInvitations(c, *customer, limit));
      json items = json::array();
      for (const auto& i : invitations) items.push_back(CustomerInvitationToJson(i));
      return std::pair{200, json{{"items", items}}};
    });
  });
  router.Add("GET", "/api/v1/invitations/report", [&](const http::Request& req, const http::Responder& respond) {
    Answer(auth, pool, req, respond, "feedback:read", [&](db::Connection& c) -> Result<std::pair<int, json>> {
      KS_ASSIGN_OR_RETURN(auto period, ReportPeriod(req.query, clock.Now()));
      KS_ASSIGN_OR_RETURN(OrganisationSettings settings, LoadSettings(c));
      KS_ASSIGN_OR_RETURN(TimeZone zone, TimeZone::Find(settings.time_zone));
      KS_ASSIGN_OR_RETURN(auto rows,
                          ResponseRates(c, zone, {period.first, period.second, req.Query("survey").value_or("")}));
      json items = json::array();
      for (const auto& r : rows) items.push_back(ResponseRowToJson(r));
      return std::pair{
          200, json{{"from", FormatRfc3339(period.first)}, {"to", FormatRfc3339(period.second)}, {"items", items}}};
    });
  });
}

}  // namespace ks::surveys
