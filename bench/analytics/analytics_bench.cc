// analytics_bench: the in-process half of bench/analytics (see README.md there).
//
//   analytics_bench generate --db PATH --csv PATH [--items N] [--seed S]
//       Writes a klantstem SQLite database (the real schema, by ks::db::Migrate) with 46 units (4 regions
//       with 10 shops each, 2 teams), N/40 customers (at least 1,000, at most 250,000) with attributes
//       segment/tier/region/since, and N feedback items over 18 months (2025-04-01 … 2026-09-30,
//       Europe/Amsterdam), and the same items as a flat CSV (local day and month, unit id, the
//       customer's attributes joined in) for DuckDB and SQLite.
//   analytics_bench query --db PATH [--runs R] [--unit CODE] [--attribute KEY]
//       Loads a FeedbackIndex through IndexFeed (as `klantstem serve` does), prints load time, resident
//       memory and the index's own size, then times the overview and the group-by query with RunSummary
//       (median and p90 of R runs after one warm-up) and prints their results in a canonical form.
//   analytics_bench profile --db PATH
//       Where the load time goes: the load loop replayed in phases (raw SQLite stepping; ks::db rows;
//       + IndexRowFrom; + FeedbackIndex::Apply), and the time-zone conversion alone.
//
// Output lines are `KEY k=v k=v …` for bench/analytics/run to pick up; progress goes to stderr.
#include <fmt/format.h>
#include <malloc.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <sqlite3.h>
#include <sys/resource.h>
#include <time.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analytics/analytics_service.h"
#include "analytics/feedback_index.h"
#include "analytics/index_feed.h"
#include "analytics/index_rows.h"
#include "analytics/summary_query.h"
#include "base/clock.h"
#include "base/time.h"
#include "db/connection_pool.h"
#include "db/database.h"
#include "db/migrations.h"
#include "demo/demo_random.h"
#include "feedback/scale.h"

namespace ks::bench {
namespace {

using analytics::DateOf;
using analytics::DayNumber;
using analytics::DayNumberOf;
using demo::Rng;

// ---------------------------------------------------------------------------------------------------------
// Small helpers

[[noreturn]] void Fail(const std::string& message) {
  std::fprintf(stderr, "analytics_bench: %s\n", message.c_str());
  std::exit(2);
}

template <typename T>
T Check(Result<T> r, const char* what) {
  if (!r.ok()) Fail(std::string(what) + ": " + r.error().message);
  return std::move(r).value();
}
void Check(const Result<void>& r, const char* what) {
  if (!r.ok()) Fail(std::string(what) + ": " + r.error().message);
}

double Seconds() { return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count(); }

// CPU seconds (user + system) of this process, and of the calling thread.
double ProcessCpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}
double ThreadCpuSeconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) / 1e9;
}

// VmRSS of this process in bytes.
std::int64_t ResidentBytes() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::atoll(line.c_str() + 6) * 1024;
  }
  return 0;
}

struct Args {
  std::map<std::string, std::string> values;
  std::string Get(const std::string& name, const std::string& fallback = "") const {
    auto it = values.find(name);
    return it == values.end() ? fallback : it->second;
  }
  std::int64_t Int(const std::string& name, std::int64_t fallback) const {
    auto it = values.find(name);
    if (it == values.end()) return fallback;
    char* end = nullptr;
    const long long v = std::strtoll(it->second.c_str(), &end, 10);
    if (end == it->second.c_str() || *end != 0 || v < 0) Fail("--" + name + " must be a number ≥ 0");
    return v;
  }
  std::string Required(const std::string& name) const {
    auto it = values.find(name);
    if (it == values.end() || it->second.empty()) Fail("--" + name + " is required");
    return it->second;
  }
};

Args ParseArgs(int argc, char** argv, int first) {
  Args a;
  for (int i = first; i < argc; ++i) {
    std::string name = argv[i];
    if (!name.starts_with("--")) Fail("unexpected argument " + name);
    name = name.substr(2);
    if (auto eq = name.find('='); eq != std::string::npos) {
      a.values[name.substr(0, eq)] = name.substr(eq + 1);
    } else if (i + 1 < argc && !std::string_view(argv[i + 1]).starts_with("--")) {
      a.values[name] = argv[++i];
    } else {
      a.values[name] = "1";
    }
  }
  return a;
}

// Raw SQLite, for the bulk load and the profile's first phase.
class RawSqlite {
 public:
  RawSqlite(const std::string& path, int flags) {
    if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) Fail("cannot open " + path);
  }
  ~RawSqlite() {
    for (auto* s : statements_) sqlite3_finalize(s);
    sqlite3_close_v2(db_);
  }
  void Exec(const std::string& sql) {
    char* message = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
      std::string text = message ? message : "?";
      sqlite3_free(message);
      Fail("SQLite: " + text + " (in: " + sql.substr(0, 200) + ")");
    }
  }
  sqlite3_stmt* Prepare(const std::string& sql) {
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), static_cast<int>(sql.size()), &s, nullptr) != SQLITE_OK) {
      Fail(std::string("SQLite: ") + sqlite3_errmsg(db_) + " (in: " + sql.substr(0, 200) + ")");
    }
    statements_.push_back(s);
    return s;
  }
  void Step(sqlite3_stmt* s) {
    const int rc = sqlite3_step(s);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) Fail(std::string("SQLite: ") + sqlite3_errmsg(db_));
    sqlite3_reset(s);
  }
  sqlite3* db() { return db_; }

 private:
  sqlite3* db_ = nullptr;
  std::vector<sqlite3_stmt*> statements_;
};

// ---------------------------------------------------------------------------------------------------------
// generate

constexpr LocalDate kFirstDay{2025, 4, 1};
constexpr LocalDate kLastDay{2026, 9, 30};
constexpr std::string_view kZone = "Europe/Amsterdam";

struct Unit {
  std::int64_t id;
  std::string code, name, kind;
  std::int64_t parent;  // 0: none
  int quality;          // 0 good, 1 average, 2 poor, 3 the hidden seven (bimodal)
  int region;           // 0..3, −1 for the teams
};

constexpr const char* kRegions[] = {"noord", "oost", "midden", "zuid"};
constexpr const char* kShops[4][10] = {
    {"groningen", "leeuwarden", "assen", "zwolle", "emmen", "drachten", "heerenveen", "sneek", "hoogeveen", "meppel"},
    {"enschede", "arnhem", "nijmegen", "apeldoorn", "deventer", "hengelo", "almelo", "doetinchem", "zutphen", "ede"},
    {"utrecht-centrum", "amersfoort", "hilversum", "zeist", "nieuwegein", "veenendaal", "houten", "almere", "lelystad",
     "harderwijk"},
    {"eindhoven", "tilburg", "breda", "maastricht", "den-bosch", "venlo", "helmond", "roosendaal", "heerlen", "oss"}};
// The unit whose mean grade looks fine (about 7) while more than a third of its grades are fails.
constexpr std::string_view kHiddenSeven = "utrecht-centrum";

std::vector<Unit> MakeUnits() {
  std::vector<Unit> units;
  units.reserve(46);
  std::int64_t id = 1;
  for (int r = 0; r < 4; ++r) {
    units.push_back(
        {id++, fmt::format("regio-{}", kRegions[r]), fmt::format("Regio {}", kRegions[r]), "region", 0, 1, r});
  }
  for (int r = 0; r < 4; ++r) {
    for (int s = 0; s < 10; ++s) {
      const std::string code = kShops[r][s];
      int quality = (r * 10 + s) % 7 == 0 ? 0 : ((r * 10 + s) % 9 == 4 ? 2 : 1);
      if ((r * 10 + s) % 5 == 2) quality = 0;
      if (code == kHiddenSeven) quality = 3;
      units.push_back({id++, code, "Winkel " + code, "location", units[static_cast<size_t>(r)].id, quality, r});
    }
  }
  units.push_back({id++, "webshop", "Webshop", "team", 0, 1, -1});
  units.push_back({id++, "klantenservice", "Klantenservice", "team", 0, 2, -1});
  return units;
}

// A discrete distribution over 0..10 (weights), sampled by its cumulative table.
struct Distribution {
  std::array<double, 11> cumulative{};
  Distribution(std::initializer_list<double> weights, int first) {
    double total = 0;
    for (double w : weights) total += w;
    double sum = 0;
    size_t v = static_cast<size_t>(first);
    cumulative.fill(2.0);
    for (size_t i = 0; i < static_cast<size_t>(first); ++i) cumulative[i] = 0;
    for (double w : weights) {
      sum += w / total;
      cumulative[v++] = sum;
    }
    cumulative[v - 1] = 1.0;
  }
  int Sample(Rng& rng) const {
    const double u = rng.Uniform();
    int v = 0;
    while (v < 10 && cumulative[static_cast<size_t>(v)] <= u) ++v;
    return v;
  }
};

const Distribution kNpsGood({1, 0.5, 0.5, 1, 1, 3, 4, 9, 19, 26, 35}, 0);
const Distribution kNpsAverage({3, 1, 2, 2, 3, 6, 8, 14, 20, 19, 22}, 0);
const Distribution kNpsPoor({7, 3, 4, 5, 6, 10, 10, 14, 15, 11, 15}, 0);
const Distribution kNpsBimodal({9, 5, 6, 6, 5, 4, 3, 5, 14, 20, 23}, 0);
const Distribution kGradeNormal({0.5, 0.5, 1, 2, 4, 10, 25, 33, 17, 7}, 1);
const Distribution kGradeBimodal({0.5, 3, 12, 13, 7, 3, 4, 20, 27, 10.5}, 1);  // mean ≈ 7, fails ≈ 36%
const Distribution kFivePoint({8, 6, 12, 30, 44}, 1);
const Distribution kFivePointPoor({18, 12, 16, 28, 26}, 1);

struct Sentence {
  std::string_view text, search;
};
// Search text: lower case, no punctuation (klantstem stores stemmed words; the size is what matters here).
constexpr Sentence kUnhappyNl[] = {
    {"De bezorging was drie dagen te laat en niemand liet iets weten.",
     "bezorg was drie dag te laat en niemand liet iet weten"},
    {"Het personeel had geen tijd voor mijn vraag.", "personeel had gen tijd vor mijn vrag"},
    {"Product kapot aangekomen, retour regelen kostte veel moeite.",
     "product kapot aangekom retour regel kost vel moeit"},
    {"Lang in de wacht gestaan bij de klantenservice.", "lang in de wacht gestan bij de klantenservic"},
    {"Te duur voor wat je krijgt.", "te duur vor wat je krijgt"}};
constexpr Sentence kNeutralNl[] = {{"Prima, maar de levering kon sneller.", "prima mar de lever kon snel"},
                                   {"Redelijk geholpen, niet meer dan dat.", "redelijk geholp niet mer dan dat"},
                                   {"De winkel was druk, verder in orde.", "de winkel was druk verder in orde"}};
constexpr Sentence kHappyNl[] = {
    {"Snel geleverd en netjes geinstalleerd, top!", "snel gelever en netjes geinstalleerd top"},
    {"Heel vriendelijke medewerker die goed advies gaf.", "hel vriendelijk medewerker die goed advies gaf"},
    {"Alles in een keer goed, zo hoort het.", "alles in en keer goed zo hoort het"},
    {"Fijne winkel, ik kom zeker terug.", "fijn winkel ik kom zeker terug"}};
constexpr Sentence kUnhappyEn[] = {
    {"Delivery was late and nobody told me why.", "deliveri was late and nobodi told me whi"},
    {"The staff could not answer a simple question.", "the staff could not answer a simpl question"},
    {"Arrived broken and the return took weeks.", "arriv broken and the return took week"}};
constexpr Sentence kNeutralEn[] = {{"Fine overall, a bit slow.", "fine overal a bit slow"},
                                   {"Okay service, nothing special.", "okay servic noth special"}};
constexpr Sentence kHappyEn[] = {{"Quick delivery and friendly installers.", "quick deliveri and friend instal"},
                                 {"Great advice in the shop, very happy.", "great advic in the shop veri happi"},
                                 {"Smooth from order to delivery.", "smooth from order to deliveri"}};

constexpr const char* kTopics[] = {"levering", "bezorging",      "prijs",       "personeel", "wachttijd", "kwaliteit",
                                   "retour",   "garantie",       "app",         "website",   "betaling",  "installatie",
                                   "voorraad", "klantenservice", "communicatie"};
constexpr const char* kTouchpoints[] = {R"({"touchpoint":"aankoop"})", R"({"touchpoint":"bezorging"})",
                                        R"({"touchpoint":"installatie"})", R"({"touchpoint":"reparatie"})"};

struct Customer {
  std::uint8_t segment;   // 0 B2C, 1 B2B
  std::uint8_t tier;      // 0 basic, 1 plus, 2 premium
  std::uint8_t region;    // 0..3
  std::uint8_t language;  // 0 nl, 1 en
  std::uint16_t home;     // index into units of the home shop
};
constexpr const char* kSegments[] = {"B2C", "B2B"};
constexpr const char* kTiers[] = {"basic", "plus", "premium"};

// One generated feedback item, kept alive until its INSERT has run (bound without copying).
struct Item {
  std::int64_t id = 0;
  Micros received_at = 0, created_at = 0;
  const char* source = "";
  const char* channel = "";
  std::int64_t customer = 0;  // 0: anonymous
  std::int64_t unit = 0;      // 0: none
  const char* brand = "own";
  int score = -1;  // −1: none
  std::optional<Scale> scale;
  const char* language = "nl";
  std::string text, search_text, topics;
  const char* attributes = "{}";
  std::optional<double> sentiment;
};

template <typename T, size_t N>
const T& Pick(Rng& rng, const T (&items)[N]) {
  return items[rng.Below(N)];
}

const char* Weighted(Rng& rng, std::initializer_list<std::pair<const char*, double>> options) {
  double u = rng.Uniform();
  for (const auto& [value, weight] : options) {
    if (u < weight) return value;
    u -= weight;
  }
  return options.begin()->first;
}

double Normal(Rng& rng, double mean, double sd) {
  // Irwin–Hall with 4 uniforms: close enough to normal for a fixture.
  const double s = rng.Uniform() + rng.Uniform() + rng.Uniform() + rng.Uniform() - 2.0;
  return mean + sd * s * std::sqrt(3.0);
}

class Generator {
 public:
  Generator(std::uint64_t seed, std::int64_t items) : items_(items), rng_(seed, 2), units_(MakeUnits()) {
    const std::int64_t count = std::clamp<std::int64_t>(items / 40, 1000, 250000);
    Rng crng(seed, 1);
    customers_.reserve(static_cast<size_t>(count));
    for (std::int64_t i = 0; i < count; ++i) {
      Customer c{};
      c.segment = crng.Chance(0.18) ? 1 : 0;
      const double t = crng.Uniform();
      c.tier = c.segment == 1 ? (t < 0.3 ? 0 : (t < 0.65 ? 1 : 2)) : (t < 0.65 ? 0 : (t < 0.92 ? 1 : 2));
      c.region =
          static_cast<std::uint8_t>(crng.Below(100) < 22 ? 0 : (crng.Below(100) < 30 ? 1 : (crng.Below(2) ? 2 : 3)));
      c.language = crng.Chance(0.22) ? 1 : 0;
      c.home = static_cast<std::uint16_t>(4 + c.region * 10 + static_cast<int>(crng.Below(10)));
      customers_.push_back(c);
      since_.push_back(static_cast<std::uint16_t>(2012 + crng.Below(15)));
    }
  }

  const std::vector<Unit>& units() const { return units_; }
  const std::vector<Customer>& customers() const { return customers_; }
  std::uint16_t since(size_t i) const { return since_[i]; }

  // The number of items on each local day from kFirstDay to kLastDay: growing over time, fewer at the
  // weekend, more in December, summing to `items`.
  std::vector<std::int64_t> DayCounts() {
    const int first = DayNumberOf(kFirstDay), last = DayNumberOf(kLastDay);
    std::vector<double> weights;
    for (int d = first; d <= last; ++d) {
      const double progress = static_cast<double>(d - first) / (last - first);
      const int weekday = (d + 3) % 7;  // Monday 0
      double w = (0.6 + 0.8 * progress) * (weekday == 5 ? 0.75 : (weekday == 6 ? 0.6 : 1.0));
      if (DateOf(static_cast<DayNumber>(d)).month == 12) w *= 1.3;
      w *= 0.9 + 0.2 * rng_.Uniform();
      weights.push_back(w);
    }
    double total = 0;
    for (double w : weights) total += w;
    std::vector<std::int64_t> counts;
    double cumulative = 0;
    std::int64_t given = 0;
    for (double w : weights) {
      cumulative += w;
      const auto upto = static_cast<std::int64_t>(std::llround(static_cast<double>(items_) * cumulative / total));
      counts.push_back(upto - given);
      given = upto;
    }
    counts.back() += items_ - given;
    return counts;
  }

  // `count` sorted instants in the local day [start, start + length): 85% between 08:00 and 22:00.
  void DayTimes(Micros start, Micros length, std::int64_t count, std::vector<Micros>& out) {
    constexpr Micros kHour = 3600 * kMicrosPerSecond;
    out.clear();
    for (std::int64_t k = 0; k < count; ++k) {
      const double u = rng_.Uniform();
      const Micros offset = rng_.Chance(0.85) ? 8 * kHour + static_cast<Micros>(u * static_cast<double>(14 * kHour))
                                              : static_cast<Micros>(u * static_cast<double>(length));
      out.push_back(start + std::min(offset, length - 1));
    }
    std::sort(out.begin(), out.end());
  }

  // Fills `item` (id and received_at already set) for local day `day` and returns its customer index or −1.
  std::int64_t Fill(Item& item, DayNumber day) {
    Rng& r = rng_;
    item.text.clear();
    item.search_text.clear();
    item.topics.clear();
    item.attributes = "{}";
    item.brand = "own";
    item.scale.reset();
    item.score = -1;
    item.sentiment.reset();
    const double progress =
        static_cast<double>(day - DayNumberOf(kFirstDay)) / (DayNumberOf(kLastDay) - DayNumberOf(kFirstDay));

    // The customer: 85% known, the active ones more often.
    std::int64_t customer = -1;
    if (r.Chance(0.85)) {
      const double u = r.Uniform();
      customer = static_cast<std::int64_t>(static_cast<double>(customers_.size()) * u * u);
    }
    const Customer* c = customer >= 0 ? &customers_[static_cast<size_t>(customer)] : nullptr;
    item.customer = customer + 1;

    // The unit: mostly the customer's home shop, or a shop anywhere, the webshop or customer service.
    const double where = r.Uniform();
    size_t unit = 0;
    if (where < 0.05) {
      unit = 0;  // none
    } else if (where < 0.13) {
      unit = units_.size() - 2;  // webshop
    } else if (where < 0.17) {
      unit = units_.size() - 1;  // klantenservice
    } else if (c != nullptr && r.Chance(0.7)) {
      unit = c->home;
    } else {
      unit = 4 + r.Below(40);
    }
    item.unit = where < 0.05 ? 0 : units_[unit].id;
    const int quality = where < 0.05 ? 1 : units_[unit].quality;

    item.language = c != nullptr ? (c->language == 1 ? "en" : "nl")
                                 : Weighted(r, {{"nl", 0.68}, {"en", 0.22}, {"de", 0.05}, {"fr", 0.05}});
    item.source =
        Weighted(r, {{"survey", 0.68}, {"review", 0.12}, {"complaint", 0.06}, {"support", 0.08}, {"social", 0.06}});
    const std::string_view source = item.source;
    double text_chance = 0.5;
    // B2B customers get less happy through the second half of the period.
    const bool declining = c != nullptr && c->segment == 1 && progress > 0.5 && r.Chance((progress - 0.5) * 0.8);
    const Distribution& nps = declining      ? kNpsPoor
                              : quality == 0 ? kNpsGood
                              : quality == 2 ? kNpsPoor
                              : quality == 3 ? kNpsBimodal
                                             : kNpsAverage;
    if (source == "survey") {
      item.channel = Weighted(r, {{"email", 0.55}, {"sms", 0.15}, {"web", 0.2}, {"app", 0.1}});
      if (r.Chance(quality == 3 ? 0.5 : 0.15)) {
        item.scale = Scale::kGrade10;
        item.score = (quality == 3 ? kGradeBimodal : kGradeNormal).Sample(r);
      } else {
        item.scale = Scale::kNps;
        item.score = nps.Sample(r);
      }
      if (r.Chance(0.5)) item.attributes = Pick(r, kTouchpoints);
    } else if (source == "review") {
      item.channel = Weighted(r, {{"google", 0.6}, {"trustpilot", 0.3}, {"kiyoh", 0.1}});
      item.brand = Weighted(r, {{"own", 0.8}, {"Snelbezorgd", 0.12}, {"WinkelPlus", 0.08}});
      item.scale = Scale::kStars5;
      item.score = (quality == 2 ? kFivePointPoor : kFivePoint).Sample(r);
      text_chance = 0.9;
    } else if (source == "complaint") {
      item.channel = Weighted(r, {{"email", 0.5}, {"phone", 0.3}, {"webform", 0.2}});
      if (r.Chance(0.15)) {
        item.scale = Scale::kNps;
        item.score = kNpsPoor.Sample(r) / 2;
      }
      text_chance = 1;
    } else if (source == "support") {
      item.channel = Weighted(r, {{"phone", 0.5}, {"chat", 0.35}, {"email", 0.15}});
      item.scale = Scale::kCsat5;
      item.score = (quality == 2 ? kFivePointPoor : kFivePoint).Sample(r);
      text_chance = 0.4;
    } else {
      item.channel = Weighted(r, {{"twitter", 0.3}, {"facebook", 0.4}, {"instagram", 0.3}});
      text_chance = 1;
    }

    // Mood → sentiment and text.
    Mood mood = Mood::kNeutral;
    if (item.scale) {
      mood = MoodOf(*item.scale, item.score);
    } else {
      mood = source == "complaint" ? Mood::kUnhappy : (r.Chance(0.5) ? Mood::kUnhappy : Mood::kHappy);
    }
    if (r.Chance(item.scale ? 0.75 : 0.95)) {
      const double centre = mood == Mood::kUnhappy ? -0.5 : (mood == Mood::kHappy ? 0.6 : 0.05);
      item.sentiment = std::clamp(std::round(Normal(r, centre, 0.25) * 1000) / 1000, -1.0, 1.0);
    }
    if (r.Chance(text_chance)) {
      const bool english = std::string_view(item.language) != "nl";
      const int sentences = r.Chance(0.6) ? 1 : 2;
      for (int s = 0; s < sentences; ++s) {
        const Sentence& sentence = mood == Mood::kUnhappy ? (english ? Pick(r, kUnhappyEn) : Pick(r, kUnhappyNl))
                                   : mood == Mood::kHappy ? (english ? Pick(r, kHappyEn) : Pick(r, kHappyNl))
                                                          : (english ? Pick(r, kNeutralEn) : Pick(r, kNeutralNl));
        if (s > 0) {
          item.text += ' ';
          item.search_text += ' ';
        }
        item.text += sentence.text;
        item.search_text += sentence.search;
      }
      // Topics come from text analytics: only items with text have them.
      const double t = r.Uniform();
      const int topics = t < 0.3 ? 0 : (t < 0.7 ? 1 : (t < 0.92 ? 2 : 3));
      std::uint32_t used = 0;
      for (int k = 0; k < topics; ++k) {
        const auto topic = static_cast<std::uint32_t>(r.Below(std::size(kTopics)));
        if (used & (1u << topic)) continue;
        used |= 1u << topic;
        if (!item.topics.empty()) item.topics += ',';
        item.topics += kTopics[topic];
      }
    }
    return customer;
  }

 private:
  std::int64_t items_;
  Rng rng_;
  std::vector<Unit> units_;
  std::vector<Customer> customers_;
  std::vector<std::uint16_t> since_;
};

// Appends `v` in decimal.
void AppendInt(std::string& out, std::int64_t v) { fmt::format_to(std::back_inserter(out), "{}", v); }

int Generate(const Args& args) {
  const std::string path = args.Required("db");
  const std::string csv_path = args.Required("csv");
  const std::int64_t items = args.Int("items", 10'000'000);
  const auto seed = static_cast<std::uint64_t>(args.Int("seed", 1));
  if (items < 1 || items > 100'000'000) Fail("--items must be between 1 and 100,000,000");
  const double started = Seconds();

  for (const auto& suffix : {"", "-wal", "-shm", "-journal"}) std::filesystem::remove(path + suffix);
  {
    auto database = Check(db::OpenDatabase("sqlite:" + path), "opening the database");
    auto connection = Check(database->Connect(), "connecting");
    Check(db::Migrate(*connection), "migrating");
  }
  const TimeZone zone = Check(TimeZone::Find(kZone), "time zone");

  RawSqlite db(path, SQLITE_OPEN_READWRITE);
  // A fixture: no durability while loading, then back to what klantstem uses.
  db.Exec("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-524288; PRAGMA temp_store=MEMORY");
  // The feedback table's indexes and triggers (FTS, revision) are dropped for the load and recreated after
  // it, from their own definitions; revision is set to id directly (what the trigger would have done).
  std::vector<std::string> recreate;
  {
    sqlite3_stmt* s = db.Prepare(
        "SELECT type, name, sql FROM sqlite_master WHERE tbl_name = 'feedback' AND type IN ('index', 'trigger') "
        "AND sql IS NOT NULL ORDER BY type = 'trigger', name");
    std::vector<std::pair<std::string, std::string>> drops;
    while (sqlite3_step(s) == SQLITE_ROW) {
      drops.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(s, 0)),
                         reinterpret_cast<const char*>(sqlite3_column_text(s, 1)));
      recreate.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(s, 2)));
    }
    sqlite3_reset(s);
    for (const auto& [type, name] : drops) db.Exec(std::string("DROP ").append(type).append(" ").append(name));
  }

  Generator gen(seed, items);
  const Micros now = zone.StartOfDay(kLastDay) + 86'400 * kMicrosPerSecond;

  db.Exec("BEGIN");
  {
    sqlite3_stmt* s = db.Prepare(
        "INSERT INTO units (id, code, name, kind, parent_id, manager, created_at) VALUES (?1, ?2, ?3, ?4, ?5, NULL, "
        "?6)");
    for (const auto& u : gen.units()) {
      sqlite3_bind_int64(s, 1, u.id);
      sqlite3_bind_text(s, 2, u.code.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(s, 3, u.name.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(s, 4, u.kind.c_str(), -1, SQLITE_TRANSIENT);
      if (u.parent > 0) {
        sqlite3_bind_int64(s, 5, u.parent);
      } else {
        sqlite3_bind_null(s, 5);
      }
      sqlite3_bind_int64(s, 6, now);
      db.Step(s);
    }
  }
  {
    sqlite3_stmt* s = db.Prepare(
        "INSERT INTO customers (id, external_ref, name, language, attributes, created_at, updated_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)");
    std::string ref, name, attributes;
    for (size_t i = 0; i < gen.customers().size(); ++i) {
      const Customer& c = gen.customers()[i];
      ref = fmt::format("k-{:07}", i + 1);
      name = fmt::format("Klant {}", i + 1);
      attributes = fmt::format(R"({{"segment":"{}","tier":"{}","region":"{}","since":"{}"}})", kSegments[c.segment],
                               kTiers[c.tier], kRegions[c.region], gen.since(i));
      sqlite3_bind_int64(s, 1, static_cast<std::int64_t>(i) + 1);
      sqlite3_bind_text(s, 2, ref.c_str(), -1, SQLITE_STATIC);
      sqlite3_bind_text(s, 3, name.c_str(), -1, SQLITE_STATIC);
      sqlite3_bind_text(s, 4, c.language == 1 ? "en" : "nl", -1, SQLITE_STATIC);
      sqlite3_bind_text(s, 5, attributes.c_str(), -1, SQLITE_STATIC);
      sqlite3_bind_int64(s, 6, now - Micros{400} * 86'400 * kMicrosPerSecond);
      db.Step(s);
    }
  }
  db.Exec("COMMIT");

  // Feedback, kRowsPerInsert rows per INSERT, one transaction per 500,000 items; the CSV alongside.
  constexpr int kRowsPerInsert = 64;
  constexpr int kColumns = 18;
  std::string insert =
      "INSERT INTO feedback (id, source, channel, customer_id, unit_id, brand, score_value, score_scale, score_class, "
      "text, language, received_at, attributes, search_text, created_at, sentiment, topics, revision) VALUES ";
  for (int r = 0; r < kRowsPerInsert; ++r) {
    insert += r == 0 ? "(" : ",(";
    for (int c = 0; c < kColumns; ++c) insert += c == 0 ? "?" : ",?";
    insert += ")";
  }
  sqlite3_stmt* many = db.Prepare(insert);
  std::string single_sql = insert.substr(0, insert.find("VALUES ") + 7) + "(";
  for (int c = 0; c < kColumns; ++c) single_sql += c == 0 ? "?" : ",?";
  sqlite3_stmt* single = db.Prepare(single_sql + ")");

  std::FILE* csv = std::fopen(csv_path.c_str(), "w");
  if (csv == nullptr) Fail("cannot write " + csv_path);
  std::string out = "id,day,month,source,channel,language,brand,unit_id,scale,score,sentiment,segment,tier,region\n";
  out.reserve(1 << 21);

  std::vector<Item> batch(kRowsPerInsert);
  int in_batch = 0;
  auto bind = [](sqlite3_stmt* s, int base, const Item& it) {
    auto text = [s](int i, const char* v) { sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC); };
    sqlite3_bind_int64(s, base + 1, it.id);
    text(base + 2, it.source);
    text(base + 3, it.channel);
    if (it.customer > 0)
      sqlite3_bind_int64(s, base + 4, it.customer);
    else
      sqlite3_bind_null(s, base + 4);
    if (it.unit > 0)
      sqlite3_bind_int64(s, base + 5, it.unit);
    else
      sqlite3_bind_null(s, base + 5);
    text(base + 6, it.brand);
    if (it.scale) {
      sqlite3_bind_int64(s, base + 7, it.score);
      sqlite3_bind_text(s, base + 8, ScaleName(*it.scale).data(), static_cast<int>(ScaleName(*it.scale).size()),
                        SQLITE_STATIC);
      const std::string_view mood = MoodName(MoodOf(*it.scale, it.score));
      sqlite3_bind_text(s, base + 9, mood.data(), static_cast<int>(mood.size()), SQLITE_STATIC);
    } else {
      sqlite3_bind_null(s, base + 7);
      sqlite3_bind_null(s, base + 8);
      sqlite3_bind_null(s, base + 9);
    }
    if (it.text.empty())
      sqlite3_bind_null(s, base + 10);
    else
      sqlite3_bind_text(s, base + 10, it.text.data(), static_cast<int>(it.text.size()), SQLITE_STATIC);
    text(base + 11, it.language);
    sqlite3_bind_int64(s, base + 12, it.received_at);
    text(base + 13, it.attributes);
    sqlite3_bind_text(s, base + 14, it.search_text.data(), static_cast<int>(it.search_text.size()), SQLITE_STATIC);
    sqlite3_bind_int64(s, base + 15, it.created_at);
    if (it.sentiment)
      sqlite3_bind_double(s, base + 16, *it.sentiment);
    else
      sqlite3_bind_null(s, base + 16);
    sqlite3_bind_text(s, base + 17, it.topics.data(), static_cast<int>(it.topics.size()), SQLITE_STATIC);
    sqlite3_bind_int64(s, base + 18, it.id);
  };
  auto flush = [&] {
    if (in_batch == kRowsPerInsert) {
      for (int r = 0; r < kRowsPerInsert; ++r) bind(many, r * kColumns, batch[static_cast<size_t>(r)]);
      db.Step(many);
    } else {
      for (int r = 0; r < in_batch; ++r) {
        bind(single, 0, batch[static_cast<size_t>(r)]);
        db.Step(single);
      }
    }
    in_batch = 0;
  };

  const std::vector<std::int64_t> counts = gen.DayCounts();
  std::int64_t id = 0;
  std::vector<Micros> times;
  double last_report = Seconds();
  const double load_started = Seconds();
  db.Exec("BEGIN");
  for (size_t d = 0; d < counts.size(); ++d) {
    const auto day = static_cast<DayNumber>(DayNumberOf(kFirstDay) + static_cast<int>(d));
    const LocalDate date = DateOf(day);
    const Micros start = zone.StartOfDay(date);
    const Micros length = zone.StartOfDay(DateOf(static_cast<DayNumber>(day + 1))) - start;
    gen.DayTimes(start, length, counts[d], times);
    const std::string day_text = fmt::format("{}-{:02}-{:02}", date.year, date.month, date.day);
    const std::string_view month_text = std::string_view(day_text).substr(0, 7);
    for (Micros t : times) {
      Item& it = batch[static_cast<size_t>(in_batch)];
      it.id = ++id;
      it.received_at = t;
      const std::int64_t customer = gen.Fill(it, day);
      it.created_at = t + 1'000'000 + (it.id % 60) * kMicrosPerSecond;
      // CSV: id,day,month,source,channel,language,brand,unit_id,scale,score,sentiment,segment,tier,region
      AppendInt(out, it.id);
      out += ',';
      out += day_text;
      out += ',';
      out += month_text;
      out += ',';
      out += it.source;
      out += ',';
      out += it.channel;
      out += ',';
      out += it.language;
      out += ',';
      out += it.brand;
      out += ',';
      if (it.unit > 0) AppendInt(out, it.unit);
      out += ',';
      if (it.scale) {
        out += ScaleName(*it.scale);
        out += ',';
        AppendInt(out, it.score);
      } else {
        out += ',';
      }
      out += ',';
      if (it.sentiment) fmt::format_to(std::back_inserter(out), "{:.3f}", *it.sentiment);
      if (customer >= 0) {
        const Customer& c = gen.customers()[static_cast<size_t>(customer)];
        fmt::format_to(std::back_inserter(out), ",{},{},{}\n", kSegments[c.segment], kTiers[c.tier],
                       kRegions[c.region]);
      } else {
        out += ",,,\n";
      }
      if (out.size() > (1 << 20)) {
        std::fwrite(out.data(), 1, out.size(), csv);
        out.clear();
      }
      if (++in_batch == kRowsPerInsert) flush();
      if (id % 500'000 == 0) {
        db.Exec("COMMIT; BEGIN");
        if (Seconds() - last_report > 5) {
          last_report = Seconds();
          std::fprintf(stderr, "analytics_bench: %lld of %lld items written (%.0f s)\n", static_cast<long long>(id),
                       static_cast<long long>(items), Seconds() - started);
        }
      }
    }
  }
  flush();
  db.Exec("COMMIT");
  std::fwrite(out.data(), 1, out.size(), csv);
  if (std::fclose(csv) != 0) Fail("writing " + csv_path + " failed");
  const double inserted = Seconds();

  std::fprintf(stderr, "analytics_bench: %lld items inserted in %.1f s; creating the indexes and triggers\n",
               static_cast<long long>(id), inserted - load_started);
  for (const auto& sql : recreate) db.Exec(sql);
  const double indexed = Seconds();
  std::fprintf(stderr, "analytics_bench: indexes in %.1f s; rebuilding the full-text index\n", indexed - inserted);
  db.Exec("INSERT INTO feedback_fts (feedback_fts) VALUES ('rebuild')");
  const double fts = Seconds();
  db.Exec("PRAGMA journal_mode=WAL");
  const auto file_bytes = static_cast<std::int64_t>(std::filesystem::file_size(path));
  fmt::print(
      "GENERATE items={} customers={} units={} seed={} insert_s={:.1f} index_s={:.1f} fts_s={:.1f} total_s={:.1f} "
      "db_bytes={} csv_bytes={}\n",
      id, gen.customers().size(), gen.units().size(), seed, inserted - load_started, indexed - inserted, fts - indexed,
      Seconds() - started, file_bytes, std::filesystem::file_size(csv_path));
  return 0;
}

// ---------------------------------------------------------------------------------------------------------
// query

struct Timing {
  double median = 0, p90 = 0, min = 0;
};

Timing Summarise(std::vector<double> ms) {
  std::sort(ms.begin(), ms.end());
  Timing t;
  const size_t n = ms.size();
  t.min = ms.front();
  t.median = n % 2 == 1 ? ms[n / 2] : (ms[n / 2 - 1] + ms[n / 2]) / 2;
  t.p90 = ms[std::min(n - 1, static_cast<size_t>(std::ceil(0.9 * static_cast<double>(n))) - 1)];
  return t;
}

// The groups with scored items, sorted by key: "key:h0,h1,…|…" ('-' for the empty key). The other engines
// print the same form; bench/analytics/run compares them.
std::string Canonical(const analytics::Summary& s) {
  std::vector<std::pair<std::string, std::string>> groups;
  for (const auto& g : s.groups) {
    if (g.n == 0) continue;
    std::string h;
    for (size_t i = 0; i < g.histogram.size(); ++i) {
      if (i > 0) h += ',';
      AppendInt(h, g.histogram[i]);
    }
    groups.emplace_back(g.key.empty() ? "-" : g.key, std::move(h));
  }
  std::sort(groups.begin(), groups.end());
  std::string out;
  for (const auto& [key, h] : groups) {
    if (!out.empty()) out += '|';
    out.append(key).append(1, ':').append(h);
  }
  return out;
}

int Query(const Args& args) {
  const std::string path = args.Required("db");
  const auto runs = static_cast<size_t>(std::max<std::int64_t>(1, args.Int("runs", 50)));
  const std::string unit = args.Get("unit", "regio-midden");
  const std::string attribute = args.Get("attribute", "segment");
  if (!std::filesystem::exists(path)) Fail(path + " does not exist (analytics_bench generate)");

  auto database = Check(db::OpenDatabase("sqlite:" + path), "opening the database");
  analytics::FeedbackIndex index(Check(TimeZone::Find(kZone), "time zone"));
  analytics::IndexFeed feed(*database, index, analytics::IndexFeed::Options{.poll_interval = 0});
  malloc_trim(0);
  const std::int64_t rss_before = ResidentBytes();
  const double started = Seconds(), cpu_started = ProcessCpuSeconds();
  Check(feed.Start(), "loading the index");
  const double load_s = Seconds() - started, load_cpu_s = ProcessCpuSeconds() - cpu_started;
  const std::int64_t rss_after = ResidentBytes();
  malloc_trim(0);
  const std::int64_t rss_trimmed = ResidentBytes();
  const size_t items = index.size();
  const size_t index_bytes = index.MemoryBytes();
  size_t dictionary_bytes = 0;
  size_t attribute_keys = 0;
  DayNumber last_day = 0;
  index.Read([&](const analytics::Columns& c) {
    dictionary_bytes = c.sources.MemoryBytes() + c.channels.MemoryBytes() + c.languages.MemoryBytes() +
                       c.brands.MemoryBytes() + c.topic_names.MemoryBytes() + c.unit_codes.size() * 32 +
                       c.unit_ids.capacity() * sizeof(std::int64_t);
    for (const auto& a : c.attributes) {
      dictionary_bytes += a.values.MemoryBytes();
      attribute_keys += a.too_many_values ? 0 : 1;
    }
    if (!c.day.empty()) last_day = *std::max_element(c.day.begin(), c.day.end());
  });
  if (items == 0) Fail("the database has no feedback");
  const double per_item = static_cast<double>(items);
  fmt::print(
      "LOAD items={} seconds={:.2f} cpu_seconds={:.2f} items_per_s={:.0f} rss_before={} rss_after={} rss_trimmed={} "
      "rss_per_item={:.1f} rss_trimmed_per_item={:.1f} index_bytes={} dictionary_bytes={} "
      "index_per_item={:.1f} attribute_keys={}\n",
      items, load_s, load_cpu_s, per_item / load_s, rss_before, rss_after, rss_trimmed,
      static_cast<double>(rss_after - rss_before) / per_item, static_cast<double>(rss_trimmed - rss_before) / per_item,
      index_bytes, dictionary_bytes, static_cast<double>(index_bytes - dictionary_bytes) / per_item, attribute_keys);

  // The period: the last 12 calendar months of the data, the last one up to its last day.
  const LocalDate to = DateOf(last_day);
  const int month_index = to.year * 12 + (to.month - 1) - 11;
  const LocalDate from{month_index / 12, month_index % 12 + 1, 1};
  const std::string from_text = analytics::FormatLocalDate(from), to_text = analytics::FormatLocalDate(to);

  db::ConnectionPool pool(*database, 2);
  SystemClock clock;
  analytics::AnalyticsService service(index, pool, clock);
  struct Named {
    std::string name;
    analytics::QueryParams params;
  };
  const std::vector<Named> queries = {
      {"overview", {{"unit", unit}, {"group_by", "month"}, {"from", from_text}, {"to", to_text}, {"scale", "nps"}}},
      {"groupby", {{"group_by", attribute}, {"from", from_text}, {"to", to_text}, {"scale", "nps"}}}};
  std::string unit_ids;
  for (const auto& q : queries) {
    const double parse_started = Seconds();
    const analytics::SummaryQuery query = Check(service.ParseQuery(q.params, std::nullopt), "parsing the query");
    const double parse_ms = (Seconds() - parse_started) * 1000;
    if (q.name == "overview") {
      for (auto u : query.filter.unit_ids) unit_ids += (unit_ids.empty() ? "" : ",") + std::to_string(u);
    }
    std::optional<Result<analytics::Summary>> result;
    std::vector<double> ms, cpu_ms;
    for (size_t run = 0; run <= runs; ++run) {  // run 0 warms up
      const double t = Seconds(), cpu = ThreadCpuSeconds();
      index.Read([&](const analytics::Columns& c) { result.emplace(analytics::RunSummary(c, query)); });
      if (run > 0) {
        ms.push_back((Seconds() - t) * 1000);
        cpu_ms.push_back((ThreadCpuSeconds() - cpu) * 1000);
      }
    }
    const analytics::Summary summary = Check(std::move(*result), "running the query");
    const Timing timing = Summarise(ms), cpu_timing = Summarise(cpu_ms);
    const auto& nps = summary.total.nps;
    fmt::print(
        "QUERY name={} runs={} median_ms={:.3f} p90_ms={:.3f} min_ms={:.3f} cpu_median_ms={:.3f} parse_ms={:.3f} n={} "
        "nps={:.2f} nps_low={:.2f} nps_high={:.2f} groups={}\n",
        q.name, runs, timing.median, timing.p90, timing.min, cpu_timing.median, parse_ms, summary.total.n,
        nps ? nps->nps : 0.0, nps ? nps->low : 0.0, nps ? nps->high : 0.0, summary.groups.size());
    fmt::print("GROUPS name={} {}\n", q.name, Canonical(summary));
  }
  fmt::print("PARAMS from={} to={} unit={} units={} attribute={}\n", from_text, to_text, unit, unit_ids, attribute);
  return 0;
}

// ---------------------------------------------------------------------------------------------------------
// profile

constexpr size_t kLoadBatch = 50'000;  // IndexFeed::Options::load_batch's default

// Steps the load's SQL with the SQLite C API alone, reading every column as the driver does.
void RawPass(const std::string& path, const std::string& select, const char* pragmas, std::int64_t& rows_read) {
  RawSqlite db(path, SQLITE_OPEN_READONLY);
  if (pragmas != nullptr) db.Exec(pragmas);
  sqlite3_stmt* s = db.Prepare(select + " WHERE f.id > ?1 ORDER BY f.id LIMIT ?2");
  std::int64_t after = 0, sum = 0;
  rows_read = 0;
  for (;;) {
    sqlite3_bind_int64(s, 1, after);
    sqlite3_bind_int64(s, 2, static_cast<std::int64_t>(kLoadBatch));
    std::int64_t in_batch = 0;
    while (sqlite3_step(s) == SQLITE_ROW) {
      ++in_batch;
      after = sqlite3_column_int64(s, 0);
      const int columns = sqlite3_column_count(s);
      for (int c = 0; c < columns; ++c) {
        switch (sqlite3_column_type(s, c)) {
          case SQLITE_INTEGER: sum += sqlite3_column_int64(s, c); break;
          case SQLITE_FLOAT: sum += static_cast<std::int64_t>(sqlite3_column_double(s, c)); break;
          case SQLITE_NULL: break;
          default: sum += sqlite3_column_text(s, c)[0] + sqlite3_column_bytes(s, c);
        }
      }
    }
    sqlite3_reset(s);
    rows_read += in_batch;
    if (in_batch == 0) break;
  }
  if (sum == 42) std::fprintf(stderr, " ");  // keep the reads
}

int Profile(const Args& args) {
  const std::string path = args.Required("db");
  if (!std::filesystem::exists(path)) Fail(path + " does not exist (analytics_bench generate)");
  const std::string select(analytics::kIndexRowSelect);
  std::int64_t rows = 0;
  // Wall and CPU seconds since `mark`; the profile runs on one thread, so CPU time is what a phase costs
  // even when other processes share the cores.
  double mark = 0, cpu_mark = 0;
  auto start = [&] {
    mark = Seconds();
    cpu_mark = ProcessCpuSeconds();
  };
  auto phase = [&](const std::string& name, const std::string& what) {
    const double seconds = Seconds() - mark, cpu = ProcessCpuSeconds() - cpu_mark;
    fmt::print("PHASE name={} seconds={:.2f} cpu_seconds={:.2f} cpu_us_per_item={:.3f} what=\"{}\"\n", name, seconds,
               cpu, rows > 0 ? cpu * 1e6 / static_cast<double>(rows) : 0.0, what);
    std::fflush(stdout);
  };

  start();
  RawPass(path, select, nullptr, rows);
  phase("sqlite_raw", "the load's SELECT (with the customers join) stepped with the SQLite C API, default cache");
  start();
  RawPass(path, select, "PRAGMA cache_size=-262144; PRAGMA mmap_size=8000000000", rows);
  phase("sqlite_raw_big_cache", "the same with cache_size 256 MB and mmap_size 8 GB");
  const std::string join = ", c.attributes FROM feedback f LEFT JOIN customers c ON c.id = f.customer_id";
  if (auto at = select.find(join); at != std::string::npos) {
    std::string no_join = select;
    no_join.replace(at, join.size(), " FROM feedback f");
    start();
    RawPass(path, no_join, nullptr, rows);
    phase("sqlite_raw_no_join", "the same without the customers join (no customer attributes)");
  }

  auto database = Check(db::OpenDatabase("sqlite:" + path), "opening the database");
  auto connection = Check(database->Connect(), "connecting");
  const std::string sql = select + " WHERE f.id > $1 ORDER BY f.id LIMIT $2";
  const TimeZone zone = Check(TimeZone::Find(kZone), "time zone");
  std::vector<Micros> received;
  for (int level = 0; level < 3; ++level) {
    analytics::FeedbackIndex index(zone);
    if (level == 2) {
      auto counts = Check(connection->Query("SELECT COUNT(*), MAX(id) FROM feedback"), "counting");
      index.Reserve(static_cast<size_t>(db::AsInt(counts.rows[0][0])), db::AsInt(counts.rows[0][1]));
    }
    start();
    std::int64_t after = 0;
    rows = 0;
    for (;;) {
      db::Rows batch =
          Check(connection->Query(sql, {after, static_cast<std::int64_t>(kLoadBatch)}), "reading feedback");
      if (batch.empty()) break;
      after = db::AsInt(batch.rows.back()[0]);
      rows += static_cast<std::int64_t>(batch.size());
      if (level == 0) {
        if (received.empty()) received.reserve(static_cast<size_t>(after) * 2);
        for (const auto& r : batch.rows) received.push_back(db::AsInt(r[1]));
        continue;
      }
      std::vector<analytics::IndexRow> converted;
      converted.reserve(batch.size());
      for (const auto& r : batch.rows) converted.push_back(analytics::IndexRowFrom(r));
      if (level == 2) index.Apply(converted);
    }
    if (level == 0) phase("ks_db_rows", "+ ks::db::Connection::Query: every cell a db::Value (strings copied)");
    if (level == 1) phase("index_rows", "+ IndexRowFrom: IndexRow with its own strings, JSON attributes parsed");
    if (level == 2) phase("apply", "+ FeedbackIndex::Apply (the whole load as IndexFeed does it)");
  }
  start();
  std::int64_t sum = 0;
  for (Micros t : received) sum += DayNumberOf(zone.LocalDay(t));
  phase("local_day", "TimeZone::LocalDay + DayNumberOf alone, for every received_at");
  start();
  auto counted = Check(connection->Query("SELECT COUNT(*), COALESCE(MAX(id), 0) FROM feedback"), "counting");
  phase("count", "the SELECT COUNT(*), MAX(id) that Load() runs first (a scan of the smallest index)");
  if (sum == 42 || counted.empty()) std::fprintf(stderr, " ");  // keep the work
  return 0;
}

}  // namespace
}  // namespace ks::bench

int main(int argc, char** argv) {
  using namespace ks::bench;
  spdlog::set_default_logger(spdlog::stderr_color_mt("analytics_bench"));
  const std::string command = argc > 1 ? argv[1] : "";
  if (command == "generate") return Generate(ParseArgs(argc, argv, 2));
  if (command == "query") return Query(ParseArgs(argc, argv, 2));
  if (command == "profile") return Profile(ParseArgs(argc, argv, 2));
  std::fprintf(stderr,
               "usage: analytics_bench generate --db PATH --csv PATH [--items N] [--seed S]\n"
               "       analytics_bench query --db PATH [--runs R] [--unit CODE] [--attribute KEY]\n"
               "       analytics_bench profile --db PATH\n");
  return 2;
}
