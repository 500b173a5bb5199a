// SQL for customers and units. Write statements are returned for the group-commit writer; reads take
// a connection. Stateless; thread-safe.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "base/result.h"
#include "customers/customer.h"
#include "db/database.h"

namespace ks {

// Validates a customer upsert body ({"external_ref", "name", …}); fields not given keep their value.
struct CustomerUpsert {
  Customer customer;
  bool has_attributes = false, has_consent = false, has_status = false;
  std::optional<bool> survey_email, survey_sms;  // given in "survey_channels"
};
Result<CustomerUpsert> ParseCustomerJson(const nlohmann::json& body);
nlohmann::json CustomerToJson(const Customer& customer);

// Statement 0 tells whether the customer existed (a row) before; statement 1 upserts it RETURNING id.
std::vector<db::Statement> UpsertCustomerStatements(const CustomerUpsert& upsert, Micros now);
Result<Customer> GetCustomer(db::Connection& c, const std::string& external_ref);
// Ordered by id; `after_id` is the last id of the previous page (0 for the first).
Result<std::vector<Customer>> ListCustomers(db::Connection& c, std::int64_t after_id, int limit);

Result<Unit> ParseUnitJson(const nlohmann::json& body);
nlohmann::json UnitToJson(const Unit& unit);
// INSERT … ON CONFLICT (code) DO NOTHING RETURNING id: no row means the code exists.
db::Statement InsertUnitStatement(const Unit& unit, Micros now);
Result<Unit> GetUnit(db::Connection& c, const std::string& code);
Result<std::vector<Unit>> ListUnits(db::Connection& c);

}  // namespace ks
