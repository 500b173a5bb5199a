// Operational routes: /healthz (the process answers), /readyz (database reachable, schema current),
// /metrics (Prometheus text) and /api/v1/openapi.json (the API description).
#pragma once

#include "db/connection_pool.h"
#include "http/http_metrics.h"
#include "http/router.h"

namespace ks {

void AddSystemRoutes(http::Router& router, db::ConnectionPool& pool, http::HttpMetrics& metrics);

// The embedded OpenAPI 3.1 document (src/app/openapi.json).
const std::string& OpenApiDocument();

}  // namespace ks
