// The surveys with driver ratings, for the key-driver page: the composition root joins the surveys
// folder (definitions) and the analytics folder (which must not depend on it). Thread-safe.
#pragma once

#include "analytics/analytics_pages.h"
#include "db/connection_pool.h"

namespace ks {

analytics::DriverSurveys MakeDriverSurveys(db::ConnectionPool& pool);

}  // namespace ks
