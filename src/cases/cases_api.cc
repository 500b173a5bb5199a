#include "cases/cases_api.h"

#include <charconv>
#include <set>

#include "accounts/api_auth.h"
#include "accounts/organisation_settings.h"
#include "accounts/user_store.h"
#include "base/json_helpers.h"
#include "base/strings.h"
#include "base/time.h"
#include "cases/sla_clock.h"

namespace ks::cases {
namespace {

using nlohmann::json;

// Reading cases needs what reading feedback needs; working them is writing feedback work.
constexpr std::string_view kReadScope = "feedback:read";
constexpr std::string_view kWriteScope = "feedback:write";
constexpr int kDefaultLimit = 100;
constexpr int kMaxLimit = 1000;
// Far beyond any real list; keeps OFFSET (which the database walks) from being a denial of service.
constexpr std::int64_t kMaxOffset = 1'000'000;

json Time(Micros t) { return t == kNoDeadline ? json() : json(FormatRfc3339(t)); }
json Time(const std::optional<Micros>& t) { return t ? Time(*t) : json(); }
json Text(const std::string& s) { return s.empty() ? json() : json(s); }

json CaseToJson(const Case& k, Micros now) {
  json customer;
  if (k.customer_id) customer = {{"external_ref", k.customer_ref}, {"name", Text(k.customer_name)}};
  json owner;
  if (k.owner_user_id) owner = {{"name", k.owner_name}, {"email", k.owner_email}};
  return {{"id", k.id},
          {"state", CaseStateName(k.state)},
          {"priority", PriorityName(k.priority)},
          {"rule", k.rule_key},
          {"kind", k.kind},
          {"opening_feedback_id", k.opening_feedback_id != 0 ? json(k.opening_feedback_id) : json()},
          {"item_count", k.item_count},
          {"customer", customer},
          {"consent_contact", k.customer_id && k.customer_consents},
          {"unit", Text(k.unit_code)},
          {"unit_name", Text(k.unit_name)},
          {"owner", owner},
          {"queue", Text(k.owner_queue)},
          {"opened_at", Time(k.opened_at)},
          {"first_contact_due", Time(k.first_contact_due)},
          {"resolution_due", Time(k.resolution_due)},
          {"due", Time(k.due())},
          {"overdue", k.overdue(now)},
          {"first_contact_at", Time(k.first_contact_at)},
          {"resolved_at", Time(k.resolved_at)},
          {"closed_at", Time(k.closed_at)},
          {"root_cause", Text(k.root_cause)},
          {"resolution", Text(k.resolution)},
          {"not_contacted_reason", Text(k.not_contacted_reason)},
          {"escalation_level", k.escalation_level},
          {"updated_at", Time(k.updated_at)}};
}

json EventToJson(const CaseEvent& e) {
  json detail = json::parse(e.detail, nullptr, false);
  if (!detail.is_object()) detail = json::object();
  return {{"id", e.id}, {"kind", e.kind}, {"user", Text(e.user_name)}, {"at", Time(e.at)}, {"detail", detail}};
}

// The case with its feedback items and timeline (GET /api/v1/cases/{id} and the answer to a step).
Result<json> FullCaseJson(db::Connection& c, const Case& k, Micros now) {
  json out = CaseToJson(k, now);
  KS_ASSIGN_OR_RETURN(auto items, CaseFeedbackIds(c, k.id));
  out["items"] = items;
  KS_ASSIGN_OR_RETURN(auto events, ListCaseEvents(c, k.id));
  json timeline = json::array();
  for (const auto& e : events) timeline.push_back(EventToJson(e));
  out["events"] = std::move(timeline);
  return out;
}

// A user by e-mail address for a filter or a step; kInvalidArgument naming `field` when there is none.
Result<User> UserByEmail(db::Connection& c, const std::string& email, std::string_view field) {
  auto user = GetUserByEmail(c, email);
  if (!user.ok() && user.error().code == ErrorCode::kNotFound) {
    return Error::Invalid(std::string(field), "no user has the e-mail address '" + email + "'");
  }
  return user;
}

// The unit with `code` and every unit below it, as the feedback API's unit filter reads it (a region's
// cases are those of its stores). An API key sees every case, so the filter's visibility scope is free
// to hold them.
Result<std::vector<std::int64_t>> UnitTree(db::Connection& c, const std::string& code) {
  KS_ASSIGN_OR_RETURN(db::Rows rows, c.Query("WITH RECURSIVE tree(id) AS (SELECT id FROM units WHERE code = $1 "
                                             "UNION SELECT u.id FROM units u JOIN tree ON u.parent_id = tree.id) "
                                             "SELECT id FROM tree",
                                             {code}));
  if (rows.empty()) return Error::Invalid("unit", "no unit has the code '" + code + "'");
  std::vector<std::int64_t> ids;
  ids.reserve(rows.size());
  for (const auto& r : rows.rows) ids.push_back(db::AsInt(r[0]));
  return ids;
}

Result<CaseFilter> ParseCaseFilter(db::Connection& c, const http::Request& req) {
  static const std::set<std::string> kKnown = {"status", "state",   "priority", "unit",
                                               "owner",  "overdue", "limit",    "offset"};
  CaseFilter f;
  f.limit = kDefaultLimit;
  for (const auto& [name, value] : req.query) {
    if (!kKnown.contains(name)) {
      return Error::Invalid(
          name, "unknown parameter (filters: status, state, priority, unit, owner, overdue; paging: limit, offset)");
    }
    if (req.query.count(name) > 1) return Error::Invalid(name, "is given more than once");
    if (name == "status") {
      if (value == "open") {
        f.status = CaseFilter::Status::kOpen;
      } else if (value == "closed") {
        f.status = CaseFilter::Status::kClosed;
      } else if (value == "all") {
        f.status = CaseFilter::Status::kAll;
      } else {
        return Error::Invalid("status", "unknown status '" + value + "' (use open, closed or all)");
      }
    } else if (name == "state") {
      f.state = ParseCaseState(value);
      if (!f.state) {
        return Error::Invalid(
            "state", "unknown state '" + value + "' (use new, contacted, in_progress, resolved, closed or reopened)");
      }
    } else if (name == "priority") {
      f.priority = ParsePriority(value);
      if (!f.priority) {
        return Error::Invalid("priority", "unknown priority '" + value + "' (use critical, high, normal or low)");
      }
    } else if (name == "unit") {
      KS_ASSIGN_OR_RETURN(f.unit_scope, UnitTree(c, value));
    } else if (name == "owner") {
      KS_ASSIGN_OR_RETURN(User owner, UserByEmail(c, value, "owner"));
      f.owner_user_id = owner.id;
    } else if (name == "overdue") {
      if (value != "true" && value != "false") return Error::Invalid("overdue", "must be true or false");
      f.overdue_only = value == "true";
    } else if (name == "offset") {
      std::int64_t offset = -1;
      const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), offset);
      if (ec != std::errc() || end != value.data() + value.size() || offset < 0 || offset > kMaxOffset) {
        return Error::Invalid("offset",
                              "'" + value + "' must be a whole number from 0 to " + std::to_string(kMaxOffset));
      }
      f.offset = static_cast<int>(offset);
    }
  }
  // "state=closed" alone means the closed cases, not none: a state filter without a status spans all.
  if (f.state && !req.query.contains("status")) f.status = CaseFilter::Status::kAll;
  KS_ASSIGN_OR_RETURN(f.limit, http::QueryLimit(req, kDefaultLimit, kMaxLimit));
  return f;
}

// Which body fields each step takes besides "step"; any other is refused, so a misplaced field (an
// outcome on a note) is not silently ignored.
const std::set<std::string>& FieldsOf(CaseStep::Kind kind) {
  static const std::set<std::string> kNone;
  static const std::set<std::string> kText = {"text"};
  static const std::set<std::string> kCall = {"outcome", "text"};
  static const std::set<std::string> kEmail = {"subject", "text"};
  static const std::set<std::string> kResolve = {"resolution"};
  static const std::set<std::string> kClose = {"resolution", "root_cause", "recovery_survey"};
  static const std::set<std::string> kAssign = {"assign_to"};
  switch (kind) {
    case CaseStep::Kind::kNote:
    case CaseStep::Kind::kReopen: return kText;
    case CaseStep::Kind::kCall: return kCall;
    case CaseStep::Kind::kEmail: return kEmail;
    case CaseStep::Kind::kStartWork: return kNone;
    case CaseStep::Kind::kResolve: return kResolve;
    case CaseStep::Kind::kClose: return kClose;
    case CaseStep::Kind::kAssign: return kAssign;
  }
  return kNone;
}

// The step a POST body asks for; assign_to (an e-mail address) is resolved to the user's id.
Result<CaseStep> ParseStep(db::Connection& c, const json& body) {
  if (!body.is_object()) return Error::Invalid("", "the body must be a JSON object, not " + JsonTypeName(body));
  KS_RETURN_IF_ERROR(RejectUnknownFields(
      body, {"step", "text", "outcome", "subject", "resolution", "root_cause", "recovery_survey", "assign_to"}));
  KS_ASSIGN_OR_RETURN(std::string name, JsonString(body, "step", true, 40));
  const auto kind = ParseStepKind(name);
  if (!kind) {
    return Error::Invalid(
        "step", "unknown step '" + name + "' (use note, call, email, start_work, resolve, close, reopen or assign)");
  }
  const auto& allowed = FieldsOf(*kind);
  for (const auto& [field, value] : body.items()) {
    if (field != "step" && !value.is_null() && !allowed.contains(field)) {
      return Error::Invalid(field, "does not belong to the step '" + name + "'");
    }
  }
  CaseStep step;
  step.kind = *kind;
  KS_ASSIGN_OR_RETURN(step.text, JsonString(body, "text", false, kMaxStepText));
  KS_ASSIGN_OR_RETURN(step.subject, JsonString(body, "subject", false, 200));
  KS_ASSIGN_OR_RETURN(step.resolution, JsonString(body, "resolution", false, kMaxStepText));
  KS_ASSIGN_OR_RETURN(step.root_cause, JsonString(body, "root_cause", false, 40));
  if (const auto recovery = body.find("recovery_survey"); recovery != body.end() && !recovery->is_null()) {
    if (!recovery->is_boolean()) return Error::Invalid("recovery_survey", "must be true or false");
    step.recovery_survey = recovery->get<bool>();
  }
  if (step.kind == CaseStep::Kind::kCall) {
    KS_ASSIGN_OR_RETURN(std::string outcome, JsonString(body, "outcome", true, 40));
    const auto parsed = ParseCallOutcome(outcome);
    if (!parsed) {
      return Error::Invalid("outcome", "unknown outcome '" + outcome + "' (use reached, voicemail or no_answer)");
    }
    step.outcome = *parsed;
  }
  if (step.kind == CaseStep::Kind::kAssign) {
    KS_ASSIGN_OR_RETURN(std::string email, JsonString(body, "assign_to", true, 320));
    KS_ASSIGN_OR_RETURN(User user, UserByEmail(c, email, "assign_to"));
    if (!user.active) return Error::Invalid("assign_to", "the user " + user.email + " is disabled");
    step.assign_to = user.id;
  }
  return step;
}

template <typename F>
void Answer(ApiKeyAuthenticator& auth, db::ConnectionPool& pool, const http::Request& req,
            const http::Responder& respond, std::string_view scope, F read) {
  if (auto key = Authorize(auth, req, scope); !key.ok()) return respond(http::ErrorResponse(key.error()));
  auto c = pool.Acquire();
  if (!c.ok()) return respond(http::ErrorResponse(c.error()));
  Result<json> body = read(**c);
  if (!body.ok()) return respond(http::ErrorResponse(body.error()));
  respond(http::JsonResponse(200, *body));
}

Result<json> ListCasesJson(db::Connection& c, const http::Request& req, Micros now) {
  KS_ASSIGN_OR_RETURN(CaseFilter filter, ParseCaseFilter(c, req));
  KS_ASSIGN_OR_RETURN(auto cases, ListCases(c, filter, now));
  KS_ASSIGN_OR_RETURN(std::int64_t total, CountCases(c, filter, now));
  json items = json::array();
  for (const auto& k : cases) items.push_back(CaseToJson(k, now));
  return json{{"items", std::move(items)}, {"total", total}};
}

Result<json> CountsJson(db::Connection& c, Micros now) {
  const auto list = [](const std::vector<CaseCount>& counts) {
    json out = json::array();
    for (const auto& n : counts) out.push_back({{"name", Text(n.name)}, {"open", n.open}, {"overdue", n.overdue}});
    return out;
  };
  KS_ASSIGN_OR_RETURN(auto by_unit, OpenCasesByUnit(c, now));
  KS_ASSIGN_OR_RETURN(auto by_owner, OpenCasesByOwner(c, now));
  std::int64_t open = 0;
  std::int64_t overdue = 0;
  for (const auto& n : by_unit) {
    open += n.open;
    overdue += n.overdue;
  }
  return json{{"open", open}, {"overdue", overdue}, {"by_unit", list(by_unit)}, {"by_owner", list(by_owner)}};
}

Result<json> GetCaseJson(db::Connection& c, const std::string& id_text, Micros now) {
  KS_ASSIGN_OR_RETURN(std::int64_t id, RequireId(id_text, "id", "a case id"));
  KS_ASSIGN_OR_RETURN(auto found, GetCase(c, id));
  if (!found) return Error::NotFound("case " + std::to_string(id) + " does not exist");
  return FullCaseJson(c, *found, now);
}

// Takes a step as the API key; the key acts with an admin's reach (every case), and its name is on
// the timeline.
Result<json> TakeStep(CaseService& service, db::ConnectionPool& pool, const ApiKey& key, const std::string& id_text,
                      const json& body, const Clock& clock) {
  KS_ASSIGN_OR_RETURN(std::int64_t id, RequireId(id_text, "id", "a case id"));
  CaseStep step;
  std::string organisation;
  {
    // Released before Take, which takes a connection of its own.
    KS_ASSIGN_OR_RETURN(auto c, pool.Acquire());
    KS_ASSIGN_OR_RETURN(step, ParseStep(*c, body));
    KS_ASSIGN_OR_RETURN(OrganisationSettings settings, LoadSettings(*c));
    organisation = settings.name;
  }
  Actor actor;
  actor.user_id = 0;
  actor.role = Role::kAdmin;
  const CaseWorker worker{actor, "API key " + key.name};
  auto after = service.Take(worker, id, step, organisation);
  if (!after.ok()) {
    Error error = after.error();
    if (error.field == "action") error.field = "step";  // the body names the action "step"
    return error;
  }
  KS_ASSIGN_OR_RETURN(auto c, pool.Acquire());
  return FullCaseJson(*c, *after, clock.Now());
}

}  // namespace

void AddCaseRoutes(http::Router& router, CaseService& service, db::ConnectionPool& pool,
                   ApiKeyAuthenticator& authenticator, const Clock& clock) {
  router.Add("GET", "/api/v1/cases", [&](const http::Request& req, const http::Responder& respond) {
    Answer(authenticator, pool, req, respond, kReadScope,
           [&](db::Connection& c) { return ListCasesJson(c, req, clock.Now()); });
  });
  // Before /api/v1/cases/{id}, which would otherwise take "counts" for an id.
  router.Add("GET", "/api/v1/cases/counts", [&](const http::Request& req, const http::Responder& respond) {
    Answer(authenticator, pool, req, respond, kReadScope, [&](db::Connection& c) -> Result<json> {
      if (!req.query.empty()) return Error::Invalid(req.query.begin()->first, "unknown parameter (there are none)");
      return CountsJson(c, clock.Now());
    });
  });
  router.Add("GET", "/api/v1/cases/{id}", [&](const http::Request& req, const http::Responder& respond) {
    Answer(authenticator, pool, req, respond, kReadScope,
           [&](db::Connection& c) { return GetCaseJson(c, req.path_params.at("id"), clock.Now()); });
  });
  router.Add("POST", "/api/v1/cases/{id}/steps", [&](const http::Request& req, const http::Responder& respond) {
    auto key = Authorize(authenticator, req, kWriteScope);
    if (!key.ok()) return respond(http::ErrorResponse(key.error()));
    http::Response rejection;
    auto body = http::ReadJsonBody(req, rejection);
    if (!body) return respond(rejection);
    auto after = TakeStep(service, pool, *key, req.path_params.at("id"), *body, clock);
    if (!after.ok()) return respond(http::ErrorResponse(after.error()));
    respond(http::JsonResponse(200, *after));
  });
}

}  // namespace ks::cases
