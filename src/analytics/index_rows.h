// Reading IndexRows from the feedback table: the columns selected and their conversion. Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "analytics/feedback_index.h"
#include "db/database.h"

namespace ks::analytics {

// The select list and joins that IndexRowFrom() reads (feedback f, its customer c).
inline constexpr std::string_view kIndexRowSelect =
    "SELECT f.id, f.received_at, f.source, f.channel, f.unit_id, f.brand, f.score_scale, f.score_value, f.language, "
    "f.sentiment, f.topics, f.attributes, c.attributes FROM feedback f LEFT JOIN customers c ON c.id = f.customer_id";

IndexRow IndexRowFrom(const std::vector<db::Value>& columns);

// Loading everything, the customers' attributes are read once (a join per item costs more than the rest
// of the load): customer id → attributes, for customers that have any.
using CustomerAttributes = std::unordered_map<std::int64_t, std::vector<std::pair<std::string, std::string>>>;
Result<CustomerAttributes> LoadCustomerAttributes(db::Connection& c);
// The select list that IndexRowFrom(columns, customers) reads: as kIndexRowSelect, with the customer's
// id instead of their attributes.
inline constexpr std::string_view kLoadRowSelect =
    "SELECT f.id, f.received_at, f.source, f.channel, f.unit_id, f.brand, f.score_scale, f.score_value, f.language, "
    "f.sentiment, f.topics, f.attributes, f.customer_id FROM feedback f";
IndexRow IndexRowFrom(const std::vector<db::Value>& columns, const CustomerAttributes& customers);

// The string members of a JSON object, appended to `out` ({"segment":"B2B","tier":"gold"}); numbers and
// booleans as their JSON text; nested values and anything malformed are left out.
void AppendJsonAttributes(std::string_view json, std::vector<std::pair<std::string, std::string>>& out);

}  // namespace ks::analytics
