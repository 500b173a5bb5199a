#include "actions/actions_api.h"

#include <cstdint>
#include <limits>
#include <set>

#include "accounts/api_auth.h"
#include "actions/action_store.h"
#include "base/json_helpers.h"
#include "base/strings.h"
#include "base/time.h"

namespace ks::actions {
namespace {

using nlohmann::json;

// Reading plans needs what reading feedback needs; working them is what working cases needs.
constexpr std::string_view kReadScope = "feedback:read";
constexpr std::string_view kWriteScope = "feedback:write";
constexpr int kDefaultLimit = 100;
constexpr int kMaxLimit = 1000;
// Items linked in one request: far beyond a real plan, and bounds the work one request can ask for.
constexpr size_t kMaxLinkedPerRequest = 1000;
constexpr size_t kMaxUnitCode = 100;
constexpr size_t kMaxDueDate = 40;

json Time(Micros t) { return json(FormatRfc3339(t)); }
json Time(const std::optional<Micros>& t) { return t ? Time(*t) : json(); }
json Text(const std::string& s) { return s.empty() ? json() : json(s); }

json PlanToJson(const ActionPlan& p) {
  json owner;
  if (p.owner_user_id) owner = {{"id", *p.owner_user_id}, {"name", Text(p.owner_name)}};
  return {{"id", p.id},
          {"title", p.title},
          {"description", p.description},
          {"owner", owner},
          {"unit", Text(p.unit_code)},
          {"unit_name", Text(p.unit_name)},
          {"due_date", Text(p.due_date)},
          {"status", StatusName(p.status)},
          {"decision", p.decision ? json(DecisionName(*p.decision)) : json()},
          {"decision_reason", Text(p.decision_reason)},
          {"decided_at", Time(p.decided_at)},
          {"done_at", Time(p.done_at)},
          {"event_id", p.event_id ? json(*p.event_id) : json()},
          {"item_count", p.item_count},
          {"created_at", Time(p.created_at)},
          {"updated_at", Time(p.updated_at)}};
}

// A linked item as anyone with an API key may see it. Deliberately without reported_by, and without the
// user of a "colleague" message: that colleague is the one who reported the item.
json ItemToJson(const LinkedItem& item) {
  json told = {{"decided", nullptr}, {"done", nullptr}};
  // Oldest first: a decision changed (and told again) leaves the latest way of telling.
  for (const Message& m : item.messages) {
    told[m.milestone] = {{"how", m.how}, {"informed_at", Time(m.informed_at)}};
  }
  return {{"id", item.feedback_id},
          {"source", item.source},
          {"text", Text(item.text)},
          {"received_at", Time(item.received_at)},
          {"linked_at", Time(item.linked_at)},
          {"told", std::move(told)}};
}

json EventToJson(const ActionEvent& e) {
  json detail = json::parse(e.detail, nullptr, false);
  if (!detail.is_object()) detail = json::object();
  json user = Text(e.user_name);
  if (user.is_null() && detail.contains("by") && detail["by"].is_string()) user = detail["by"];  // an API key
  // Who told a customer personally is, but for a coordinator doing it for them, who reported the item.
  if (e.kind == "told") user = nullptr;
  return {{"id", e.id}, {"kind", e.kind}, {"at", Time(e.at)}, {"user", user}, {"detail", std::move(detail)}};
}

// The plan with its items and timeline (GET /api/v1/actions/{id} and the answer to every change).
Result<json> FullPlanJson(db::Connection& c, const ActionPlan& plan) {
  json out = PlanToJson(plan);
  KS_ASSIGN_OR_RETURN(auto items, ListLinkedItems(c, plan.id));
  json linked = json::array();
  for (const auto& item : items) linked.push_back(ItemToJson(item));
  out["items"] = std::move(linked);
  KS_ASSIGN_OR_RETURN(auto events, ListActionEvents(c, plan.id));
  json timeline = json::array();
  for (const auto& e : events) timeline.push_back(EventToJson(e));
  out["timeline"] = std::move(timeline);
  return out;
}

// ---- bodies

// A positive whole number (an id) in a JSON body.
Result<std::int64_t> JsonId(const json& v, const std::string& field) {
  if (v.is_number_unsigned()) {
    const auto id = v.get<std::uint64_t>();
    if (id == 0 || id > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
      return Error::Invalid(field, "must be a positive whole number (an id), not " + v.dump());
    }
    return static_cast<std::int64_t>(id);
  }
  if (v.is_number_integer()) {
    return Error::Invalid(field, "must be a positive whole number (an id), not " + v.dump());
  }
  return Error::Invalid(field, "must be a whole number (an id), not " + JsonTypeName(v));
}

// "feedback_ids": an array of item ids; missing or null is none unless `required`.
Result<std::vector<std::int64_t>> FeedbackIds(const json& body, bool required) {
  const auto it = body.find("feedback_ids");
  if (it == body.end() || it->is_null()) {
    if (required) return Error::Invalid("feedback_ids", "is required: the ids of the feedback items to link");
    return std::vector<std::int64_t>();
  }
  if (!it->is_array()) return Error::Invalid("feedback_ids", "must be an array of ids, not " + JsonTypeName(*it));
  if (required && it->empty()) return Error::Invalid("feedback_ids", "choose at least one feedback item to link");
  if (it->size() > kMaxLinkedPerRequest) {
    return Error::Invalid("feedback_ids", "has " + std::to_string(it->size()) + " ids; the limit is " +
                                              std::to_string(kMaxLinkedPerRequest) + " per request");
  }
  std::vector<std::int64_t> ids;
  ids.reserve(it->size());
  for (size_t i = 0; i < it->size(); ++i) {
    KS_ASSIGN_OR_RETURN(std::int64_t id, JsonId((*it)[i], "feedback_ids[" + std::to_string(i) + "]"));
    ids.push_back(id);
  }
  return ids;
}

Result<void> RequireObject(const json& body) {
  if (!body.is_object()) return Error::Invalid("", "the body must be a JSON object, not " + JsonTypeName(body));
  return Ok();
}

// The fields of a plan present in `body` over `base` (all of them for a new plan). Null clears a field
// that may be empty (description, owner_user_id, unit, due_date); the service checks the values.
Result<ActionInput> PlanInput(const json& body, ActionInput base) {
  if (body.contains("title")) {
    KS_ASSIGN_OR_RETURN(base.title, JsonString(body, "title", true, kMaxTitle));
  }
  if (body.contains("description")) {
    KS_ASSIGN_OR_RETURN(base.description, JsonString(body, "description", false, kMaxActionText));
  }
  if (const auto owner = body.find("owner_user_id"); owner != body.end()) {
    if (owner->is_null()) {
      base.owner_user_id.reset();
    } else {
      KS_ASSIGN_OR_RETURN(base.owner_user_id, JsonId(*owner, "owner_user_id"));
    }
  }
  if (body.contains("unit")) {
    KS_ASSIGN_OR_RETURN(base.unit, JsonString(body, "unit", false, kMaxUnitCode));
  }
  if (body.contains("due_date")) {
    KS_ASSIGN_OR_RETURN(base.due_date, JsonString(body, "due_date", false, kMaxDueDate));
  }
  return base;
}

Result<ActionInput> NewPlanInput(const json& body) {
  KS_RETURN_IF_ERROR(RequireObject(body));
  KS_RETURN_IF_ERROR(
      RejectUnknownFields(body, {"title", "description", "owner_user_id", "unit", "due_date", "feedback_ids"}));
  if (!body.contains("title")) return Error::Invalid("title", "is required");
  return PlanInput(body, {});
}

Result<ActionInput> EditedPlanInput(const json& body, const ActionPlan& plan) {
  KS_RETURN_IF_ERROR(RequireObject(body));
  if (body.contains("feedback_ids")) {
    return Error::Invalid("feedback_ids",
                          "link items with POST /api/v1/actions/{id}/items and unlink them with DELETE "
                          "/api/v1/actions/{id}/items/{feedback_id}");
  }
  KS_RETURN_IF_ERROR(RejectUnknownFields(body, {"title", "description", "owner_user_id", "unit", "due_date"}));
  ActionInput base;
  base.title = plan.title;
  base.description = plan.description;
  base.owner_user_id = plan.owner_user_id;
  base.unit = plan.unit_code;
  base.due_date = plan.due_date;
  return PlanInput(body, std::move(base));
}

struct DecisionInput {
  Decision decision = Decision::kDo;
  std::string reason;
};

Result<DecisionInput> ParseDecisionBody(const json& body) {
  KS_RETURN_IF_ERROR(RequireObject(body));
  KS_RETURN_IF_ERROR(RejectUnknownFields(body, {"decision", "reason"}));
  KS_ASSIGN_OR_RETURN(std::string name, JsonString(body, "decision", true, 40));
  const auto decision = ParseDecision(name);
  if (!decision) return Error::Invalid("decision", "unknown decision '" + name + "' (use do, not_now or wont)");
  KS_ASSIGN_OR_RETURN(std::string reason, JsonString(body, "reason", true, kMaxReason));
  return DecisionInput{*decision, std::move(reason)};
}

// The one text field `name` of a body that holds nothing else.
Result<std::string> OnlyText(const json& body, const std::string& name, bool required) {
  KS_RETURN_IF_ERROR(RequireObject(body));
  KS_RETURN_IF_ERROR(RejectUnknownFields(body, {name}));
  return JsonString(body, name, required, kMaxActionText);
}

// An API key works a plan like an admin (coordinators and admins manage actions), named on the timeline.
ActionWorker ApiWorker(const ApiKey& key) {
  Actor actor;
  actor.user_id = 0;
  actor.role = Role::kAdmin;
  return ActionWorker{actor, "API key " + key.name};
}

// ---- queries

Result<std::int64_t> UnitId(db::Connection& c, const std::string& code) {
  KS_ASSIGN_OR_RETURN(db::Rows rows, c.Query("SELECT id FROM units WHERE code = $1", {code}));
  if (rows.empty()) return Error::Invalid("unit", "no unit has the code '" + code + "'");
  return db::AsInt(rows.rows[0][0]);
}

Result<void> RejectUnknownParameters(const http::Request& req, const std::set<std::string>& known,
                                     std::string_view which) {
  for (const auto& [name, value] : req.query) {
    if (!known.contains(name)) return Error::Invalid(name, "unknown parameter (" + std::string(which) + ")");
    if (req.query.count(name) > 1) return Error::Invalid(name, "is given more than once");
  }
  return Ok();
}

Result<json> ListPlansJson(db::Connection& c, const http::Request& req) {
  KS_RETURN_IF_ERROR(RejectUnknownParameters(req, {"status", "unit", "limit"}, "use status, unit and limit"));
  ActionFilter filter;
  if (const auto status = req.Query("status"); status && !status->empty()) {
    filter.status = ParseStatus(*status);
    if (!filter.status) {
      return Error::Invalid("status", "unknown status '" + *status + "' (use proposed, decided, in_progress or done)");
    }
  }
  if (const auto unit = req.Query("unit"); unit && !unit->empty()) {
    KS_ASSIGN_OR_RETURN(filter.unit_id, UnitId(c, *unit));
  }
  KS_ASSIGN_OR_RETURN(filter.limit, http::QueryLimit(req, kDefaultLimit, kMaxLimit));
  KS_ASSIGN_OR_RETURN(auto plans, ListActions(c, filter));
  json items = json::array();
  for (const auto& p : plans) items.push_back(PlanToJson(p));
  return json{{"items", std::move(items)}};
}

// One "you said, we did" entry: what was decided (or done) and why, with the plan as it is now.
json FeedEntryToJson(const FeedEntry& entry) {
  const json detail = json::parse(entry.event.detail, nullptr, false);
  const auto text = [&detail](const char* key) {
    return detail.is_object() && detail.contains(key) && detail[key].is_string() ? detail[key] : json();
  };
  json out = {{"kind", entry.event.kind}, {"at", Time(entry.event.at)}};
  if (entry.event.kind == "decided") {
    // The decision as it was then: a "not now" may have become "do" since.
    out["decision"] = text("decision");
    out["reason"] = text("reason");
    out["note"] = nullptr;
  } else {
    out["decision"] = entry.plan.decision ? json(DecisionName(*entry.plan.decision)) : json();
    out["reason"] = Text(entry.plan.decision_reason);
    out["note"] = text("text");
  }
  out["action"] = PlanToJson(entry.plan);
  return out;
}

Result<json> FeedJson(db::Connection& c, const http::Request& req) {
  KS_RETURN_IF_ERROR(RejectUnknownParameters(req, {"since", "limit"}, "use since and limit"));
  Micros since = 0;
  if (const auto text = req.Query("since"); text && !text->empty()) {
    auto parsed = ParseRfc3339(*text);
    if (!parsed.ok()) {
      return Error::Invalid("since", "'" + *text + "' is not a time like 2026-11-02T10:00:00Z (RFC 3339)");
    }
    since = *parsed;
  }
  KS_ASSIGN_OR_RETURN(int limit, http::QueryLimit(req, kDefaultLimit, kMaxLimit));
  KS_ASSIGN_OR_RETURN(auto feed, ListFeed(c, since, limit));
  json items = json::array();
  for (const auto& entry : feed) items.push_back(FeedEntryToJson(entry));
  return json{{"items", std::move(items)}};
}

Result<json> GetPlanJson(db::Connection& c, const std::string& id_text) {
  KS_ASSIGN_OR_RETURN(std::int64_t id, RequireId(id_text, "id", "an action plan id"));
  KS_ASSIGN_OR_RETURN(auto plan, GetAction(c, id));
  if (!plan) return Error::NotFound("action plan " + std::to_string(id) + " does not exist");
  return FullPlanJson(c, *plan);
}

// ---- handlers

template <typename F>
void Read(ApiKeyAuthenticator& auth, db::ConnectionPool& pool, const http::Request& req, const http::Responder& respond,
          F read) {
  if (auto key = Authorize(auth, req, kReadScope); !key.ok()) return respond(http::ErrorResponse(key.error()));
  auto c = pool.Acquire();
  if (!c.ok()) return respond(http::ErrorResponse(c.error()));
  Result<json> body = read(**c);
  if (!body.ok()) return respond(http::ErrorResponse(body.error()));
  respond(http::JsonResponse(200, *body));
}

// A change by the API key: `change(worker, body)` gives the plan afterwards, answered in full with
// `status`. A body is optional where `body_optional` (start, finish): none reads as {}.
template <typename F>
void Write(ApiKeyAuthenticator& auth, db::ConnectionPool& pool, const http::Request& req,
           const http::Responder& respond, int status, bool body_optional, F change) {
  auto key = Authorize(auth, req, kWriteScope);
  if (!key.ok()) return respond(http::ErrorResponse(key.error()));
  json body = json::object();
  if (!body_optional || !Trim(req.body).empty()) {
    http::Response rejection;
    auto parsed = http::ReadJsonBody(req, rejection);
    if (!parsed) return respond(rejection);
    body = std::move(*parsed);
  }
  Result<ActionPlan> plan = change(ApiWorker(*key), body);
  if (!plan.ok()) return respond(http::ErrorResponse(plan.error()));
  auto c = pool.Acquire();
  if (!c.ok()) return respond(http::ErrorResponse(c.error()));
  Result<json> out = FullPlanJson(**c, *plan);
  if (!out.ok()) return respond(http::ErrorResponse(out.error()));
  respond(http::JsonResponse(status, *out));
}

Result<std::int64_t> PlanId(const http::Request& req) {
  return RequireId(req.path_params.at("id"), "id", "an action plan id");
}

}  // namespace

void AddActionRoutes(http::Router& router, db::ConnectionPool& pool, ApiKeyAuthenticator& authenticator,
                     ActionService& service) {
  router.Add("GET", "/api/v1/actions", [&](const http::Request& req, const http::Responder& respond) {
    Read(authenticator, pool, req, respond, [&](db::Connection& c) { return ListPlansJson(c, req); });
  });
  // Before /api/v1/actions/{id}, which would otherwise take "feed" for an id.
  router.Add("GET", "/api/v1/actions/feed", [&](const http::Request& req, const http::Responder& respond) {
    Read(authenticator, pool, req, respond, [&](db::Connection& c) { return FeedJson(c, req); });
  });
  router.Add("GET", "/api/v1/actions/{id}", [&](const http::Request& req, const http::Responder& respond) {
    Read(authenticator, pool, req, respond,
         [&](db::Connection& c) { return GetPlanJson(c, req.path_params.at("id")); });
  });
  router.Add("POST", "/api/v1/actions", [&](const http::Request& req, const http::Responder& respond) {
    Write(authenticator, pool, req, respond, 201, false,
          [&](const ActionWorker& worker, const json& body) -> Result<ActionPlan> {
            KS_ASSIGN_OR_RETURN(ActionInput input, NewPlanInput(body));
            KS_ASSIGN_OR_RETURN(auto ids, FeedbackIds(body, false));
            return service.Create(worker, input, ids);
          });
  });
  router.Add("PATCH", "/api/v1/actions/{id}", [&](const http::Request& req, const http::Responder& respond) {
    Write(authenticator, pool, req, respond, 200, false,
          [&](const ActionWorker& worker, const json& body) -> Result<ActionPlan> {
            KS_ASSIGN_OR_RETURN(std::int64_t id, PlanId(req));
            ActionPlan plan;
            {
              // Released before Edit, which takes a connection of its own.
              KS_ASSIGN_OR_RETURN(auto c, pool.Acquire());
              KS_ASSIGN_OR_RETURN(auto found, GetAction(*c, id));
              if (!found) return Error::NotFound("action plan " + std::to_string(id) + " does not exist");
              plan = std::move(*found);
            }
            KS_ASSIGN_OR_RETURN(ActionInput input, EditedPlanInput(body, plan));
            return service.Edit(worker, id, input);
          });
  });
  router.Add("POST", "/api/v1/actions/{id}/items", [&](const http::Request& req, const http::Responder& respond) {
    Write(authenticator, pool, req, respond, 200, false,
          [&](const ActionWorker& worker, const json& body) -> Result<ActionPlan> {
            KS_ASSIGN_OR_RETURN(std::int64_t id, PlanId(req));
            KS_RETURN_IF_ERROR(RequireObject(body));
            KS_RETURN_IF_ERROR(RejectUnknownFields(body, {"feedback_ids"}));
            KS_ASSIGN_OR_RETURN(auto ids, FeedbackIds(body, true));
            return service.Link(worker, id, ids);
          });
  });
  router.Add("DELETE", "/api/v1/actions/{id}/items/{feedback_id}",
             [&](const http::Request& req, const http::Responder& respond) {
               Write(authenticator, pool, req, respond, 200, true,
                     [&](const ActionWorker& worker, const json& body) -> Result<ActionPlan> {
                       KS_ASSIGN_OR_RETURN(std::int64_t id, PlanId(req));
                       KS_ASSIGN_OR_RETURN(std::int64_t feedback_id, RequireId(req.path_params.at("feedback_id"),
                                                                               "feedback_id", "a feedback item id"));
                       KS_RETURN_IF_ERROR(RequireObject(body));
                       KS_RETURN_IF_ERROR(RejectUnknownFields(body, {}));
                       return service.Unlink(worker, id, feedback_id);
                     });
             });
  router.Add("POST", "/api/v1/actions/{id}/decision", [&](const http::Request& req, const http::Responder& respond) {
    Write(authenticator, pool, req, respond, 200, false,
          [&](const ActionWorker& worker, const json& body) -> Result<ActionPlan> {
            KS_ASSIGN_OR_RETURN(std::int64_t id, PlanId(req));
            KS_ASSIGN_OR_RETURN(DecisionInput in, ParseDecisionBody(body));
            return service.Decide(worker, id, in.decision, in.reason);
          });
  });
  router.Add("POST", "/api/v1/actions/{id}/start", [&](const http::Request& req, const http::Responder& respond) {
    Write(authenticator, pool, req, respond, 200, true,
          [&](const ActionWorker& worker, const json& body) -> Result<ActionPlan> {
            KS_ASSIGN_OR_RETURN(std::int64_t id, PlanId(req));
            KS_RETURN_IF_ERROR(RequireObject(body));
            KS_RETURN_IF_ERROR(RejectUnknownFields(body, {}));
            return service.Start(worker, id);
          });
  });
  router.Add("POST", "/api/v1/actions/{id}/finish", [&](const http::Request& req, const http::Responder& respond) {
    Write(authenticator, pool, req, respond, 200, true,
          [&](const ActionWorker& worker, const json& body) -> Result<ActionPlan> {
            KS_ASSIGN_OR_RETURN(std::int64_t id, PlanId(req));
            KS_ASSIGN_OR_RETURN(std::string note, OnlyText(body, "note", false));
            return service.Finish(worker, id, note);
          });
  });
  router.Add("POST", "/api/v1/actions/{id}/notes", [&](const http::Request& req, const http::Responder& respond) {
    Write(authenticator, pool, req, respond, 200, false,
          [&](const ActionWorker& worker, const json& body) -> Result<ActionPlan> {
            KS_ASSIGN_OR_RETURN(std::int64_t id, PlanId(req));
            KS_ASSIGN_OR_RETURN(std::string text, OnlyText(body, "text", true));
            return service.AddNote(worker, id, text);
          });
  });
}

}  // namespace ks::actions
