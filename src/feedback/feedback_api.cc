#include "feedback/feedback_api.h"

#include <algorithm>
#include <charconv>
#include <set>

#include "accounts/api_auth.h"
#include "base/time.h"
#include "feedback/feedback_json.h"

namespace ks {
namespace {

using nlohmann::json;

void PostFeedback(FeedbackService& service, ApiKeyAuthenticator& auth, const Clock& clock, const http::Request& req,
                  const http::Responder& respond) {
  if (auto key = Authorize(auth, req, "feedback:write"); !key.ok()) return respond(http::ErrorResponse(key.error()));
  http::Response rejection;
  auto body = http::ReadJsonBody(req, rejection);
  if (!body) return respond(rejection);
  const bool batch = body->is_object() && body->contains("items");
  std::vector<FeedbackInput> items;
  const Micros now = clock.Now();
  if (batch) {
    const json& list = (*body)["items"];
    if (!list.is_array()) return respond(http::ErrorResponse(Error::Invalid("items", "must be an array of items")));
    if (list.empty()) return respond(http::ErrorResponse(Error::Invalid("items", "is empty")));
    if (list.size() > kMaxBatchItems) {
      return respond(http::ErrorResponse(Error::Invalid(
          "items",
          "has " + std::to_string(list.size()) + " items; a batch holds at most " + std::to_string(kMaxBatchItems))));
    }
    if (body->size() != 1) {
      return respond(http::ErrorResponse(Error::Invalid("", "a batch is {\"items\":[…]} with no other fields")));
    }
    for (size_t i = 0; i < list.size(); ++i) {
      auto item = ParseFeedbackJson(list[i], now);
      if (!item.ok()) {
        return respond(http::ErrorResponse(item.error().WithFieldPrefix("items[" + std::to_string(i) + "]")));
      }
      items.push_back(std::move(item).value());
    }
  } else {
    auto item = ParseFeedbackJson(*body, now);
    if (!item.ok()) return respond(http::ErrorResponse(item.error()));
    items.push_back(std::move(item).value());
  }
  service.Ingest(std::move(items), batch, [respond, batch](Result<std::vector<IngestedItem>> result) {
    if (!result.ok()) return respond(http::ErrorResponse(result.error()));
    const auto& ingested = result.value();
    if (!batch) return respond(http::JsonResponse(ingested[0].created ? 201 : 200, FeedbackToJson(ingested[0].item)));
    json list = json::array();
    size_t created = 0;
    for (const auto& i : ingested) {
      list.push_back(FeedbackToJson(i.item));
      created += i.created;
    }
    respond(http::JsonResponse(created > 0 ? 201 : 200,
                               {{"items", list}, {"created", created}, {"duplicates", ingested.size() - created}}));
  });
}

void ListFeedbackRoute(db::ConnectionPool& pool, ApiKeyAuthenticator& auth, const http::Request& req,
                       const http::Responder& respond) {
  if (auto key = Authorize(auth, req, "feedback:read"); !key.ok()) return respond(http::ErrorResponse(key.error()));
  auto filter = ParseFeedbackFilter(req.query);
  if (!filter.ok()) return respond(http::ErrorResponse(filter.error()));
  auto limit = http::QueryLimit(req, 50, 500);
  if (!limit.ok()) return respond(http::ErrorResponse(limit.error()));
  auto connection = pool.Acquire();
  if (!connection.ok()) return respond(http::ErrorResponse(connection.error()));
  auto page = ListFeedback(**connection, *filter, req.Query("cursor").value_or(""), *limit);
  if (!page.ok()) return respond(http::ErrorResponse(page.error()));
  json items = json::array();
  for (const auto& item : page->items) items.push_back(FeedbackToJson(item));
  respond(http::JsonResponse(
      200, {{"items", items}, {"next_cursor", page->next_cursor.empty() ? json() : json(page->next_cursor)}}));
}

void GetFeedbackRoute(db::ConnectionPool& pool, ApiKeyAuthenticator& auth, const http::Request& req,
                      const http::Responder& respond) {
  if (auto key = Authorize(auth, req, "feedback:read"); !key.ok()) return respond(http::ErrorResponse(key.error()));
  const std::string& text = req.path_params.at("id");
  std::int64_t id = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size() || id <= 0) {
    return respond(http::ErrorResponse(Error::Invalid("id", "'" + text + "' is not a feedback id")));
  }
  auto connection = pool.Acquire();
  if (!connection.ok()) return respond(http::ErrorResponse(connection.error()));
  auto item = GetFeedback(**connection, id);
  if (!item.ok()) return respond(http::ErrorResponse(item.error()));
  respond(http::JsonResponse(200, FeedbackToJson(*item)));
}

}  // namespace

Result<FeedbackFilter> ParseFeedbackFilter(const std::multimap<std::string, std::string>& query) {
  static const std::set<std::string> kKnown = {"from",  "to",        "unit",  "source", "channel",  "brand",
                                               "scale", "class",     "score", "q",      "customer", "language",
                                               "topic", "sentiment", "limit", "cursor"};
  FeedbackFilter f;
  for (const auto& [name, value] : query) {
    if (!kKnown.contains(name)) {
      return Error::Invalid(name,
                            "unknown parameter (filters: from, to, unit, source, channel, brand, scale, class, "
                            "customer, language, topic, sentiment, score, q; paging: limit, cursor)");
    }
    if (name == "from" || name == "to") {
      auto t = ParseRfc3339(value);
      if (!t.ok()) return Error::Invalid(name, t.error().message);
      (name == "from" ? f.from : f.to) = *t;
    } else if (name == "scale") {
      f.scale = ParseScale(value);
      if (!f.scale) return Error::Invalid("scale", "unknown scale '" + value + "' (use nps, grade10, csat5 or stars5)");
    } else if (name == "class") {
      f.klass = ParseClassFilter(value);
      if (!f.klass) {
        return Error::Invalid("class", "unknown class '" + value +
                                           "' (use unhappy, neutral, happy, or a scale's own: detractor, passive, "
                                           "promoter, fail, pass, good, negative, positive)");
      }
    } else if (name == "source") {
      if (std::find(std::begin(kSources), std::end(kSources), value) == std::end(kSources)) {
        return Error::Invalid("source", "unknown source '" + value + "'");
      }
      f.source = value;
    } else if (name == "unit") {
      f.unit = value;
    } else if (name == "channel") {
      f.channel = value;
    } else if (name == "brand") {
      f.brand = value;
    } else if (name == "customer") {
      f.customer = value;
    } else if (name == "q") {
      f.query = value;
    } else if (name == "language") {
      f.language = value;
    } else if (name == "topic") {
      const bool key = !value.empty() && value.size() <= 40 && std::all_of(value.begin(), value.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
      });
      if (!key) return Error::Invalid("topic", "'" + value + "' is not a topic key (lowercase letters, digits, _)");
      f.topic = value;
    } else if (name == "sentiment") {
      if (value != "negative" && value != "neutral" && value != "positive") {
        return Error::Invalid("sentiment", "unknown sentiment '" + value + "' (use negative, neutral or positive)");
      }
      f.sentiment = value;
    } else if (name == "score") {
      int score = -1;
      const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), score);
      if (ec != std::errc() || end != value.data() + value.size() || score < 0 || score > 10) {
        return Error::Invalid("score", "'" + value + "' is not a score (a whole number 0..10)");
      }
      f.score = score;
    }
  }
  if (f.from && f.to && *f.from >= *f.to) return Error::Invalid("to", "must be later than from");
  return f;
}

void AddFeedbackRoutes(http::Router& router, FeedbackService& service, db::ConnectionPool& pool,
                       ApiKeyAuthenticator& authenticator, const Clock& clock) {
  router.Add("POST", "/api/v1/feedback", [&](const http::Request& req, const http::Responder& respond) {
    PostFeedback(service, authenticator, clock, req, respond);
  });
  router.Add("GET", "/api/v1/feedback", [&](const http::Request& req, const http::Responder& respond) {
    ListFeedbackRoute(pool, authenticator, req, respond);
  });
  router.Add("GET", "/api/v1/feedback/{id}", [&](const http::Request& req, const http::Responder& respond) {
    GetFeedbackRoute(pool, authenticator, req, respond);
  });
}

}  // namespace ks
