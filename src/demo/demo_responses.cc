#include "demo/demo_responses.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "demo/demo_loader.h"
#include "demo/demo_random.h"

namespace ks::demo {
namespace {

constexpr std::uint64_t kResponsesStream = 77;
constexpr double kShareWithRatings = 0.6;  // not every respondent rates the drivers
constexpr Micros kDay = 24LL * 3600 * kMicrosPerSecond;

struct DemoEvent {
  const char* title;
  const char* description;
  int days_ago;
  const char* unit;
};
constexpr DemoEvent kEvents[] = {
    {"Nieuw keuzemenu klantenservice", "Bellers kiezen zelf hun onderwerp; minder doorverbinden.", 240,
     "klantenservice"},
    {"Nieuwe bezorgpartner", "Bezorging in Nederland door een nieuwe vervoerder, met tijdvakken van twee uur.", 150,
     "bezorging-nl"},
    {"Extra personeel op zaterdag", "Twee extra medewerkers in alle winkels op zaterdag.", 75, ""},
};

// A rating 1..5 from a latent value around `centre` with some noise.
int Rating(Rng& rng, double centre, double noise) {
  const double v = centre + (rng.Uniform() * 2 - 1) * noise;
  return std::clamp(static_cast<int>(std::lround(v)), 1, 5);
}

// Driver ratings for a score in 0..1: (key, rating) pairs.
std::vector<std::pair<std::string, int>> RatingsFor(Rng& rng, bool nps, double s) {
  if (nps) {
    return {{"delivery", Rating(rng, 0.8 + 3.2 * s, 0.9)},
            {"friendliness", Rating(rng, 3.4 + 1.4 * s, 0.8)},
            {"price", Rating(rng, 3.0 + 0.3 * s, 1.6)}};
  }
  return {{"waiting_time", Rating(rng, 1.0 + 3.0 * s, 0.9)}, {"expertise", Rating(rng, 3.6 + 1.0 * s, 0.8)}};
}

}  // namespace

Result<void> LoadDemoResponses(db::Connection& c, std::uint64_t seed, Micros now) {
  KS_ASSIGN_OR_RETURN(db::Rows surveys,
                      c.Query("SELECT slug, id, version FROM surveys WHERE slug IN ('levering', 'winkel')"));
  db::Value levering = nullptr, winkel = nullptr;
  std::int64_t levering_version = 1, winkel_version = 1;
  for (const auto& r : surveys.rows) {
    (db::AsText(r[0]) == "levering" ? levering : winkel) = r[1];
    (db::AsText(r[0]) == "levering" ? levering_version : winkel_version) = db::AsInt(r[2]);
  }
  if (db::IsNull(levering) || db::IsNull(winkel)) return Error::Internal("the demo surveys are missing");
  KS_ASSIGN_OR_RETURN(db::Rows items,
                      c.Query("SELECT id, score_scale, score_value FROM feedback WHERE source = 'survey' "
                              "AND survey_id IS NULL AND score_scale IN ('nps', 'grade10') ORDER BY id"));
  Rng rng(seed, kResponsesStream);
  std::vector<db::Statement> statements;
  for (const auto& r : items.rows) {
    const std::int64_t id = db::AsInt(r[0]);
    const bool nps = db::AsText(r[1]) == "nps";
    const double s = nps ? static_cast<double>(db::AsInt(r[2])) / 10 : static_cast<double>(db::AsInt(r[2]) - 1) / 9;
    statements.push_back({"UPDATE feedback SET survey_id = $1, survey_version = $2 WHERE id = $3",
                          {nps ? levering : winkel, nps ? levering_version : winkel_version, id}});
    if (!rng.Chance(kShareWithRatings)) continue;
    for (const auto& [key, rating] : RatingsFor(rng, nps, s)) {
      statements.push_back(
          {"INSERT INTO feedback_answers (feedback_id, question, value) VALUES ($1, $2, $3) "
           "ON CONFLICT (feedback_id, question) DO NOTHING",
           {id, key, std::to_string(rating)}});
    }
  }
  KS_ASSIGN_OR_RETURN(db::Rows existing, c.Query("SELECT COUNT(*) FROM events"));
  if (db::AsInt(existing.rows.at(0)[0]) == 0) {
    for (const auto& e : kEvents) {
      statements.push_back(
          {"INSERT INTO events (title, description, happened_at, unit_id, created_at) VALUES ($1, $2, "
           "$3, (SELECT id FROM units WHERE code = $4), $5)",
           {std::string(e.title), std::string(e.description), now - e.days_ago * kDay, std::string(e.unit), now}});
    }
  }
  return WriteAll(c, statements);
}

}  // namespace ks::demo
