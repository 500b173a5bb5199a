#include "customers/customer_store.h"

#include <algorithm>

#include "base/json_helpers.h"
#include "base/strings.h"
#include "base/time.h"

namespace ks {
namespace {

using db::Value;
using nlohmann::json;

constexpr size_t kMaxShortText = 200;

Value OptionalText(const std::optional<std::string>& s) { return s ? Value(*s) : Value(nullptr); }

Value OptionalFlag(std::optional<bool> b) { return b ? Value(std::int64_t{*b}) : Value(nullptr); }

json OptionalJson(const std::optional<std::string>& s) { return s ? json(*s) : json(); }

constexpr std::string_view kCustomerColumns =
    "id, external_ref, name, email, phone, language, attributes, consent_contact, status, last_contact_at, "
    "created_at, updated_at, survey_email, survey_sms, opted_out_at";

std::optional<std::string> OptionalFromValue(const Value& v) {
  if (db::IsNull(v)) return std::nullopt;
  return db::AsText(v);
}

Customer RowToCustomer(const std::vector<Value>& r) {
  Customer c;
  c.id = db::AsInt(r[0]);
  c.external_ref = db::AsText(r[1]);
  c.name = OptionalFromValue(r[2]);
  c.email = OptionalFromValue(r[3]);
  c.phone = OptionalFromValue(r[4]);
  c.language = OptionalFromValue(r[5]);
  c.attributes = AttributesFromText(db::AsText(r[6]));
  c.consent_contact = db::AsInt(r[7]) != 0;
  c.status = db::AsText(r[8]);
  if (!db::IsNull(r[9])) c.last_contact_at = db::AsInt(r[9]);
  c.created_at = db::AsInt(r[10]);
  c.updated_at = db::AsInt(r[11]);
  c.survey_email = db::AsInt(r[12]) != 0;
  c.survey_sms = db::AsInt(r[13]) != 0;
  if (!db::IsNull(r[14])) c.opted_out_at = db::AsInt(r[14]);
  return c;
}

constexpr std::string_view kUnitSelect =
    "SELECT u.id, u.code, u.name, u.kind, p.code, u.manager, u.created_at FROM units u "
    "LEFT JOIN units p ON p.id = u.parent_id";

Unit RowToUnit(const std::vector<Value>& r) {
  return {db::AsInt(r[0]),  db::AsText(r[1]), db::AsText(r[2]), db::AsText(r[3]),
          db::AsText(r[4]), db::AsText(r[5]), db::AsInt(r[6])};
}

// "survey_channels": {"email": true, "sms": false}: the channels the customer may be invited on.
Result<void> ParseSurveyChannels(const json& v, CustomerUpsert& u) {
  if (!v.contains("survey_channels") || v["survey_channels"].is_null()) return Ok();
  const json& channels = v["survey_channels"];
  if (!channels.is_object()) return Error::Invalid("survey_channels", "must be an object like {\"sms\": true}");
  for (const auto& [channel, allowed] : channels.items()) {
    const std::string field = "survey_channels." + channel;
    if (channel != "email" && channel != "sms") return Error::Invalid(field, "the survey channels are email and sms");
    if (!allowed.is_boolean()) return Error::Invalid(field, "must be true or false");
    (channel == "email" ? u.survey_email : u.survey_sms) = allowed.get<bool>();
  }
  return Ok();
}

}  // namespace

Result<CustomerUpsert> ParseCustomerJson(const json& v) {
  if (!v.is_object()) return Error::Invalid("", "a customer must be a JSON object, not " + JsonTypeName(v));
  KS_RETURN_IF_ERROR(RejectUnknownFields(v, {"external_ref", "name", "email", "phone", "language", "attributes",
                                             "consent_contact", "status", "survey_channels"}));
  CustomerUpsert u;
  Customer& c = u.customer;
  KS_ASSIGN_OR_RETURN(c.external_ref, JsonString(v, "external_ref", true, kMaxShortText));
  if (Trim(c.external_ref).empty()) return Error::Invalid("external_ref", "must not be empty");
  KS_ASSIGN_OR_RETURN(c.name, JsonOptionalString(v, "name", kMaxShortText));
  KS_ASSIGN_OR_RETURN(c.email, JsonOptionalString(v, "email", kMaxShortText));
  if (c.email && !c.email->empty() && c.email->find('@') == std::string::npos) {
    return Error::Invalid("email", "'" + *c.email + "' is not an e-mail address");
  }
  KS_ASSIGN_OR_RETURN(c.phone, JsonOptionalString(v, "phone", 40));
  KS_ASSIGN_OR_RETURN(c.language, JsonOptionalString(v, "language", 2));
  if (v.contains("attributes") && !v["attributes"].is_null()) {
    KS_ASSIGN_OR_RETURN(c.attributes, ParseAttributes(v["attributes"], "attributes"));
    u.has_attributes = true;
  }
  if (v.contains("consent_contact") && !v["consent_contact"].is_null()) {
    if (!v["consent_contact"].is_boolean()) return Error::Invalid("consent_contact", "must be true or false");
    c.consent_contact = v["consent_contact"].get<bool>();
    u.has_consent = true;
  }
  KS_RETURN_IF_ERROR(ParseSurveyChannels(v, u));
  KS_ASSIGN_OR_RETURN(std::string status, JsonString(v, "status", false, 10));
  if (!status.empty()) {
    if (status != "active" && status != "lost") {
      return Error::Invalid("status", "'" + status + "' is not a status (use active or lost)");
    }
    c.status = status;
    u.has_status = true;
  }
  return u;
}

json CustomerToJson(const Customer& c) {
  return {{"id", c.id},
          {"external_ref", c.external_ref},
          {"name", OptionalJson(c.name)},
          {"email", OptionalJson(c.email)},
          {"phone", OptionalJson(c.phone)},
          {"language", OptionalJson(c.language)},
          {"attributes", AttributesToJson(c.attributes)},
          {"consent_contact", c.consent_contact},
          {"status", c.status},
          {"survey_channels", {{"email", c.survey_email}, {"sms", c.survey_sms}}},
          {"opted_out_at", c.opted_out_at ? json(FormatRfc3339(*c.opted_out_at)) : json()},
          {"last_contact_at", c.last_contact_at ? json(FormatRfc3339(*c.last_contact_at)) : json()},
          {"created_at", FormatRfc3339(c.created_at)},
          {"updated_at", FormatRfc3339(c.updated_at)}};
}

std::vector<db::Statement> UpsertCustomerStatements(const CustomerUpsert& u, Micros now) {
  const Customer& c = u.customer;
  // $7..$9 are NULL when the field was not given, so the stored value stays.
  return {{"SELECT id FROM customers WHERE external_ref = $1", {c.external_ref}},
          {R"(
INSERT INTO customers (external_ref, name, email, phone, language, attributes, consent_contact, status, created_at,
                       updated_at, survey_email, survey_sms)
VALUES ($1, $2, $3, $4, $5, COALESCE($6, '{}'), COALESCE($7, 0), COALESCE($8, 'active'), $9, $9, COALESCE($10, 1),
        COALESCE($11, 0))
ON CONFLICT (external_ref) DO UPDATE SET
  name = COALESCE(excluded.name, customers.name),
  email = COALESCE(excluded.email, customers.email),
  phone = COALESCE(excluded.phone, customers.phone),
  language = COALESCE(excluded.language, customers.language),
  attributes = CASE WHEN $6 IS NULL THEN customers.attributes ELSE excluded.attributes END,
  consent_contact = CASE WHEN $7 IS NULL THEN customers.consent_contact ELSE excluded.consent_contact END,
  status = CASE WHEN $8 IS NULL THEN customers.status ELSE excluded.status END,
  survey_email = CASE WHEN $10 IS NULL THEN customers.survey_email ELSE excluded.survey_email END,
  survey_sms = CASE WHEN $11 IS NULL THEN customers.survey_sms ELSE excluded.survey_sms END,
  updated_at = excluded.updated_at
RETURNING id)",
           {c.external_ref, OptionalText(c.name), OptionalText(c.email), OptionalText(c.phone),
            OptionalText(c.language), u.has_attributes ? Value(AttributesToText(c.attributes)) : Value(nullptr),
            u.has_consent ? Value(std::int64_t{c.consent_contact}) : Value(nullptr),
            u.has_status ? Value(c.status) : Value(nullptr), now, OptionalFlag(u.survey_email),
            OptionalFlag(u.survey_sms)}}};
}

Result<Customer> GetCustomer(db::Connection& c, const std::string& external_ref) {
  KS_ASSIGN_OR_RETURN(
      db::Rows rows,
      c.Query("SELECT " + std::string(kCustomerColumns) + " FROM customers WHERE external_ref = $1", {external_ref}));
  if (rows.empty()) return Error::NotFound("no customer with external_ref '" + external_ref + "'");
  return RowToCustomer(rows.rows[0]);
}

Result<std::vector<Customer>> ListCustomers(db::Connection& c, std::int64_t after_id, int limit) {
  KS_ASSIGN_OR_RETURN(db::Rows rows, c.Query("SELECT " + std::string(kCustomerColumns) +
                                                 " FROM customers WHERE id > $1 ORDER BY id LIMIT $2",
                                             {after_id, std::int64_t{limit}}));
  std::vector<Customer> out;
  for (const auto& r : rows.rows) out.push_back(RowToCustomer(r));
  return out;
}

Result<Unit> ParseUnitJson(const json& v) {
  if (!v.is_object()) return Error::Invalid("", "a unit must be a JSON object, not " + JsonTypeName(v));
  KS_RETURN_IF_ERROR(RejectUnknownFields(v, {"code", "name", "kind", "parent", "manager"}));
  Unit u;
  KS_ASSIGN_OR_RETURN(u.code, JsonString(v, "code", true, 100));
  const bool code_ok = !u.code.empty() && std::all_of(u.code.begin(), u.code.end(), [](char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-' || ch == '_';
  });
  if (!code_ok)
    return Error::Invalid("code", "'" + u.code + "' must be lowercase a-z, 0-9, - or _ (like utrecht-centrum)");
  KS_ASSIGN_OR_RETURN(u.name, JsonString(v, "name", true, kMaxShortText));
  KS_ASSIGN_OR_RETURN(u.kind, JsonString(v, "kind", false, 20));
  if (u.kind.empty()) u.kind = "team";
  if (u.kind != "team" && u.kind != "location" && u.kind != "brand" && u.kind != "region") {
    return Error::Invalid("kind", "'" + u.kind + "' is not a unit kind (use team, location, brand or region)");
  }
  KS_ASSIGN_OR_RETURN(u.parent, JsonString(v, "parent", false, 100));
  KS_ASSIGN_OR_RETURN(u.manager, JsonString(v, "manager", false, kMaxShortText));
  return u;
}

json UnitToJson(const Unit& u) {
  return {{"id", u.id},
          {"code", u.code},
          {"name", u.name},
          {"kind", u.kind},
          {"parent", u.parent.empty() ? json() : json(u.parent)},
          {"manager", u.manager.empty() ? json() : json(u.manager)},
          {"created_at", FormatRfc3339(u.created_at)}};
}

db::Statement InsertUnitStatement(const Unit& u, Micros now) {
  return {
      "INSERT INTO units (code, name, kind, parent_id, manager, created_at) "
      "VALUES ($1, $2, $3, (SELECT id FROM units WHERE code = $4), $5, $6) "
      "ON CONFLICT (code) DO NOTHING RETURNING id",
      {u.code, u.name, u.kind, u.parent.empty() ? Value(nullptr) : Value(u.parent),
       u.manager.empty() ? Value(nullptr) : Value(u.manager), now}};
}

Result<Unit> GetUnit(db::Connection& c, const std::string& code) {
  KS_ASSIGN_OR_RETURN(db::Rows rows, c.Query(std::string(kUnitSelect) + " WHERE u.code = $1", {code}));
  if (rows.empty()) return Error::NotFound("no unit with code '" + code + "'");
  return RowToUnit(rows.rows[0]);
}

Result<std::vector<Unit>> ListUnits(db::Connection& c) {
  KS_ASSIGN_OR_RETURN(db::Rows rows, c.Query(std::string(kUnitSelect) + " ORDER BY u.code"));
  std::vector<Unit> out;
  for (const auto& r : rows.rows) out.push_back(RowToUnit(r));
  return out;
}

}  // namespace ks
