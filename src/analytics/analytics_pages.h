// The dashboards (every role; a manager sees only the feedback of their units and the units below):
//   /analytics              overview: per period the histogram, the class bar, the NPS with its
//                           interval, the trend with the events marked, the warnings; events can be
//                           recorded there
//   /analytics/outliers     which units, segments, topics or channels deviate from the rest
//   /analytics/drivers      the key drivers of a survey as a priority matrix
//   /analytics/words        the words of the unhappy
//   /analytics/competitors  our feedback beside the competitors' (brand other than own)
//   /analytics/report       the printable monthly report for management
// Every chart has a data table and a CSV download (?format=csv); bars and points drill down to the
// inbox; the filters live in the URL, so a view can be shared.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "accounts/web_auth.h"
#include "analytics/analytics_service.h"
#include "analytics/key_drivers.h"
#include "base/embedded_file.h"
#include "http/router.h"

namespace ks::analytics {

const std::vector<EmbeddedFile>& EmbeddedAnalyticsTemplates();

// A survey with driver ratings, as the drivers page offers it (the surveys folder provides these; the
// composition root connects the two).
struct DriverSurvey {
  std::int64_t id = 0;
  std::string slug;
  std::string name;
  std::vector<DriverDefinition> drivers;
  std::map<std::string, std::string> labels;  // driver key → its label in the requested language
};
using DriverSurveys = std::function<Result<std::vector<DriverSurvey>>(const std::string& language)>;

struct AnalyticsPagesConfig {
  AnalyticsService& service;
  DriverSurveys driver_surveys;
};

void AddAnalyticsPages(http::Router& router, WebAuth& auth, const AnalyticsPagesConfig& config);

// Each page's routes, in its own file.
void AddOverviewPage(http::Router& router, WebAuth& auth, const AnalyticsPagesConfig& config);
void AddCompetitorsPage(http::Router& router, WebAuth& auth, const AnalyticsPagesConfig& config);
void AddReportPage(http::Router& router, WebAuth& auth, const AnalyticsPagesConfig& config);
void AddOutliersPage(http::Router& router, WebAuth& auth, const AnalyticsPagesConfig& config);
void AddDriversPage(http::Router& router, WebAuth& auth, const AnalyticsPagesConfig& config);
void AddWordsPage(http::Router& router, WebAuth& auth, const AnalyticsPagesConfig& config);

}  // namespace ks::analytics
