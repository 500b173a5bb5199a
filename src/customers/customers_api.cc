#include "customers/customers_api.h"

#include <charconv>

#include "accounts/api_auth.h"
#include "customers/customer_store.h"

namespace ks {
namespace {

using nlohmann::json;

// Runs `read` on a pooled connection and answers with its JSON, or the error.
template <typename F>
void AnswerRead(db::ConnectionPool& pool, const http::Responder& respond, F read) {
  auto connection = pool.Acquire();
  if (!connection.ok()) return respond(http::ErrorResponse(connection.error()));
  auto body = read(**connection);
  if (!body.ok()) return respond(http::ErrorResponse(body.error()));
  respond(http::JsonResponse(200, *body));
}

void PostCustomer(db::GroupCommitWriter& writer, db::ConnectionPool& pool, ApiKeyAuthenticator& auth,
                  const Clock& clock, const http::Request& req, const http::Responder& respond) {
  if (auto key = Authorize(auth, req, "feedback:write"); !key.ok()) return respond(http::ErrorResponse(key.error()));
  http::Response rejection;
  auto body = http::ReadJsonBody(req, rejection);
  if (!body) return respond(rejection);
  auto upsert = ParseCustomerJson(*body);
  if (!upsert.ok()) return respond(http::ErrorResponse(upsert.error()));
  const std::string ref = upsert->customer.external_ref;
  writer.Submit(UpsertCustomerStatements(*upsert, clock.Now()),
                [&pool, ref, respond](Result<std::vector<db::Rows>> result) {
                  if (!result.ok()) return respond(http::ErrorResponse(result.error()));
                  const bool existed = !result.value()[0].empty();
                  auto connection = pool.Acquire();
                  if (!connection.ok()) return respond(http::ErrorResponse(connection.error()));
                  auto customer = GetCustomer(**connection, ref);
                  if (!customer.ok()) return respond(http::ErrorResponse(customer.error()));
                  respond(http::JsonResponse(existed ? 200 : 201, CustomerToJson(*customer)));
                });
}

Result<json> ListCustomersJson(db::Connection& c, const http::Request& req) {
  KS_ASSIGN_OR_RETURN(int limit, http::QueryLimit(req, 50, 500));
  std::int64_t after = 0;
  if (auto cursor = req.Query("cursor")) {
    const auto [end, ec] = std::from_chars(cursor->data(), cursor->data() + cursor->size(), after);
    if (ec != std::errc() || end != cursor->data() + cursor->size() || after < 0) {
      return Error::Invalid("cursor", "'" + *cursor + "' is not a cursor from a previous page's next_cursor");
    }
  }
  KS_ASSIGN_OR_RETURN(auto customers, ListCustomers(c, after, limit + 1));
  json items = json::array();
  json next = nullptr;
  for (size_t i = 0; i < customers.size(); ++i) {
    if (static_cast<int>(i) == limit) {
      next = std::to_string(customers[i - 1].id);
      break;
    }
    items.push_back(CustomerToJson(customers[i]));
  }
  return json{{"items", items}, {"next_cursor", next}};
}

void PostUnit(db::GroupCommitWriter& writer, db::ConnectionPool& pool, UnitDirectory& units, ApiKeyAuthenticator& auth,
              const Clock& clock, const http::Request& req, const http::Responder& respond) {
  if (auto key = Authorize(auth, req, "admin"); !key.ok()) return respond(http::ErrorResponse(key.error()));
  http::Response rejection;
  auto body = http::ReadJsonBody(req, rejection);
  if (!body) return respond(rejection);
  auto unit = ParseUnitJson(*body);
  if (!unit.ok()) return respond(http::ErrorResponse(unit.error()));
  if (!unit->parent.empty()) {
    auto parent = units.Exists(unit->parent);
    if (!parent.ok()) return respond(http::ErrorResponse(parent.error()));
    if (!*parent) return respond(http::ErrorResponse(Error::Invalid("parent", "unknown unit '" + unit->parent + "'")));
  }
  const std::string code = unit->code;
  writer.Submit({InsertUnitStatement(*unit, clock.Now())},
                [&pool, &units, code, respond](Result<std::vector<db::Rows>> result) {
                  if (!result.ok()) return respond(http::ErrorResponse(result.error()));
                  if (result.value()[0].empty()) {
                    return respond(http::ErrorResponse(Error::Conflict("a unit with code '" + code + "' exists")));
                  }
                  units.Remember(code);
                  auto connection = pool.Acquire();
                  if (!connection.ok()) return respond(http::ErrorResponse(connection.error()));
                  auto stored = GetUnit(**connection, code);
                  if (!stored.ok()) return respond(http::ErrorResponse(stored.error()));
                  respond(http::JsonResponse(201, UnitToJson(*stored)));
                });
}

}  // namespace

void AddCustomerRoutes(http::Router& router, db::GroupCommitWriter& writer, db::ConnectionPool& pool,
                       UnitDirectory& units, ApiKeyAuthenticator& auth, const Clock& clock) {
  router.Add("POST", "/api/v1/customers", [&](const http::Request& req, const http::Responder& respond) {
    PostCustomer(writer, pool, auth, clock, req, respond);
  });
  router.Add("GET", "/api/v1/customers", [&](const http::Request& req, const http::Responder& respond) {
    if (auto key = Authorize(auth, req, "feedback:read"); !key.ok()) return respond(http::ErrorResponse(key.error()));
    AnswerRead(pool, respond, [&](db::Connection& c) { return ListCustomersJson(c, req); });
  });
  router.Add("GET", "/api/v1/customers/{external_ref}", [&](const http::Request& req, const http::Responder& respond) {
    if (auto key = Authorize(auth, req, "feedback:read"); !key.ok()) return respond(http::ErrorResponse(key.error()));
    AnswerRead(pool, respond, [&](db::Connection& c) -> Result<json> {
      KS_ASSIGN_OR_RETURN(Customer customer, GetCustomer(c, req.path_params.at("external_ref")));
      return CustomerToJson(customer);
    });
  });
  router.Add("POST", "/api/v1/units", [&](const http::Request& req, const http::Responder& respond) {
    PostUnit(writer, pool, units, auth, clock, req, respond);
  });
  router.Add("GET", "/api/v1/units", [&](const http::Request& req, const http::Responder& respond) {
    if (auto key = Authorize(auth, req, "feedback:read"); !key.ok()) return respond(http::ErrorResponse(key.error()));
    AnswerRead(pool, respond, [](db::Connection& c) -> Result<json> {
      KS_ASSIGN_OR_RETURN(auto list, ListUnits(c));
      json items = json::array();
      for (const auto& u : list) items.push_back(UnitToJson(u));
      return json{{"items", items}};
    });
  });
  router.Add("GET", "/api/v1/units/{code}", [&](const http::Request& req, const http::Responder& respond) {
    if (auto key = Authorize(auth, req, "feedback:read"); !key.ok()) return respond(http::ErrorResponse(key.error()));
    AnswerRead(pool, respond, [&](db::Connection& c) -> Result<json> {
      KS_ASSIGN_OR_RETURN(Unit unit, GetUnit(c, req.path_params.at("code")));
      return UnitToJson(unit);
    });
  });
}

}  // namespace ks
