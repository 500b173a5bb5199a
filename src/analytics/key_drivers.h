// Key drivers: which survey driver ratings (delivery, friendliness, price, waiting time, …) move the
// main score, against how well each performs — the importance–performance matrix. Importance is the
// driver's standardised coefficient in a regression of the main score on all drivers (items that rated
// every driver), and its correlation with the main score (items that rated it); performance is its
// mean rating and its share of unhappy ratings (1–2 of 5, 1–5 of 10).
//
// The quadrants split at the drivers' average importance and average performance (0..1, the mean
// rating scaled from 1..max): fix_first (important, performing badly — the to-do list), keep_up
// (important, performing well), low_priority and maintain. AnalyseDrivers is pure; LoadDriverRatings
// reads the database. Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "db/database.h"
#include "stats/regression.h"

namespace ks::analytics {

struct DriverDefinition {
  std::string key;
  int max = 5;  // rated 1..max
};

// One response: its main score and each driver's rating (in the definitions' order), when given.
struct DriverResponse {
  double score = 0;
  std::vector<std::optional<int>> ratings;
};

struct DriverResult {
  std::string key;
  std::int64_t n = 0;  // responses that rated it
  std::optional<double> mean;
  double performance = 0;              // (mean − 1) / (max − 1)
  double unhappy_share = 0;            // 0..1
  std::optional<double> correlation;   // Pearson r with the main score
  std::optional<double> standardised;  // β from the regression
  double importance = 0;               // β when the regression ran, else r
  std::string quadrant;                // fix_first, keep_up, low_priority, maintain
};

struct KeyDrivers {
  std::vector<DriverResult> drivers;  // fix_first first, then by importance
  std::int64_t responses = 0;         // with at least one rating
  std::int64_t complete = 0;          // with every rating (the regression's n)
  std::optional<double> r_squared;    // how much of the main score the drivers explain together
  double mean_importance = 0;         // where the quadrants split
  double mean_performance = 0;
};

KeyDrivers AnalyseDrivers(const std::vector<DriverDefinition>& drivers, const std::vector<DriverResponse>& responses);

// The responses to survey `survey_id` received in [from, to), restricted to `unit_ids` when not empty.
Result<std::vector<DriverResponse>> LoadDriverResponses(db::Connection& c, std::int64_t survey_id,
                                                        const std::vector<DriverDefinition>& drivers, Micros from,
                                                        Micros to, const std::vector<std::int64_t>& unit_ids);

}  // namespace ks::analytics
