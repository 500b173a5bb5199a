#include "analytics/analytics_pages.h"

namespace ks::analytics {

void AddAnalyticsPages(http::Router& router, WebAuth& auth, const AnalyticsPagesConfig& config) {
  AddOverviewPage(router, auth, config);
  AddOutliersPage(router, auth, config);
  AddDriversPage(router, auth, config);
  AddWordsPage(router, auth, config);
  AddCompetitorsPage(router, auth, config);
  AddReportPage(router, auth, config);
}

}  // namespace ks::analytics
