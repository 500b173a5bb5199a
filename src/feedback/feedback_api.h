// The /api/v1/feedback routes: ingest (one item or a batch), list with filters, get by id.
#pragma once

#include "accounts/api_keys.h"
#include "db/connection_pool.h"
#include "feedback/feedback_service.h"
#include "feedback/feedback_store.h"
#include "http/router.h"

namespace ks {

inline constexpr size_t kMaxBatchItems = 1000;

// Registers the routes; the referenced objects must outlive the router.
void AddFeedbackRoutes(http::Router& router, FeedbackService& service, db::ConnectionPool& pool,
                       ApiKeyAuthenticator& authenticator, const Clock& clock);

// Reads list filters from query parameters (shared with `klantstem export`): from, to, unit, source,
// channel, brand, scale, class, customer, q. kInvalidArgument names the parameter.
Result<FeedbackFilter> ParseFeedbackFilter(const std::multimap<std::string, std::string>& query);

}  // namespace ks
