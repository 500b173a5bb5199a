#include "demo/demo_generator.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <map>
#include <numeric>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "base/time.h"
#include "demo/demo_random.h"
#include "demo/demo_texts.h"

namespace ks::demo {
namespace {

constexpr Micros kDay = Micros{86'400} * kMicrosPerSecond;
constexpr Micros kHalfYear = 183 * kDay;  // "6 months" in the facts and tests

// Probabilities of the three classes on the grade10 scale; other scales are derived (ForScale).
struct MoodProbs {
  double unhappy, neutral, happy;
};

// ---------------------------------------------------------------------------------------------------------
// The organisation.

enum class Plant { kNone, kHiddenSeven, kSteadySeven, kTurnaround };

struct UnitSpec {
  std::string_view code, name, kind, parent, manager;
  std::string_view city;  // stores only
  bool belgium = false;
  double weight = 0;        // share of the country's customers whose home store this is
  double expat_weight = 0;  // share of English-speaking customers
  MoodProbs profile = {0.10, 0.35, 0.55};
  Plant plant = Plant::kNone;
};

// Parents come before their children (the loader resolves parent codes as it inserts).
const std::vector<UnitSpec>& UnitSpecs() {
  static const std::vector<UnitSpec> kUnits = {
      {"stroomlijn", "Stroomlijn", "brand", "", "Marloes van Dijk", "", false, 0, 0, {0.10, 0.35, 0.55}, Plant::kNone},
      {"regio-randstad",
       "Regio Randstad",
       "region",
       "stroomlijn",
       "Erik Hoekstra",
       "",
       false,
       0,
       0,
       {0.10, 0.35, 0.55},
       Plant::kNone},
      {"regio-noord-oost",
       "Regio Noord-Oost",
       "region",
       "stroomlijn",
       "Ingrid Postma",
       "",
       false,
       0,
       0,
       {0.10, 0.35, 0.55},
       Plant::kNone},
      {"regio-zuid",
       "Regio Zuid",
       "region",
       "stroomlijn",
       "Bart Verhoeven",
       "",
       false,
       0,
       0,
       {0.10, 0.35, 0.55},
       Plant::kNone},
      {"regio-belgie",
       "Regio België",
       "region",
       "stroomlijn",
       "Katrien Pauwels",
       "",
       false,
       0,
       0,
       {0.10, 0.35, 0.55},
       Plant::kNone},
      {"amsterdam-centrum",
       "Amsterdam Centrum",
       "location",
       "regio-randstad",
       "Jeroen Bakker",
       "Amsterdam",
       false,
       1.5,
       3.0,
       {0.11, 0.36, 0.53},
       Plant::kNone},
      {"amsterdam-zuidoost",
       "Amsterdam Zuidoost",
       "location",
       "regio-randstad",
       "Naima El Amrani",
       "Amsterdam",
       false,
       1.0,
       1.0,
       {0.10, 0.35, 0.55},
       Plant::kNone},
      {"rotterdam-zuidplein",
       "Rotterdam Zuidplein",
       "location",
       "regio-randstad",
       "Mehmet Kaya",
       "Rotterdam",
       false,
       1.2,
       1.0,
       {0.07, 0.60, 0.33},
       Plant::kSteadySeven},
      {"den-haag-centrum",
       "Den Haag Centrum",
       "location",
       "regio-randstad",
       "Linda Vermeulen",
       "Den Haag",
       false,
       1.1,
       1.5,
       {0.09, 0.35, 0.56},
       Plant::kNone},
      {"utrecht-centrum",
       "Utrecht Centrum",
       "location",
       "regio-randstad",
       "Mark de Graaf",
       "Utrecht",
       false,
       1.3,
       1.0,
       {0.38, 0.05, 0.57},
       Plant::kHiddenSeven},
      {"groningen-centrum",
       "Groningen Centrum",
       "location",
       "regio-noord-oost",
       "Sanne de Boer",
       "Groningen",
       false,
       1.0,
       0.3,
       {0.32, 0.42, 0.26},
       Plant::kTurnaround},
      {"zwolle-centrum",
       "Zwolle Centrum",
       "location",
       "regio-noord-oost",
       "Henk Mulder",
       "Zwolle",
       false,
       0.7,
       0.1,
       {0.08, 0.34, 0.58},
       Plant::kNone},
      {"arnhem-centrum",
       "Arnhem Centrum",
       "location",
       "regio-noord-oost",
       "Femke Brouwer",
       "Arnhem",
       false,
       0.8,
       0.2,
       {0.10, 0.37, 0.53},
       Plant::kNone},
      {"eindhoven-centrum",
       "Eindhoven Centrum",
       "location",
       "regio-zuid",
       "Ruben Smits",
       "Eindhoven",
       false,
       1.0,
       1.2,
       {0.09, 0.34, 0.57},
       Plant::kNone},
      {"breda-centrum",
       "Breda Centrum",
       "location",
       "regio-zuid",
       "Monique Maas",
       "Breda",
       false,
       0.7,
       0.2,
       {0.10, 0.36, 0.54},
       Plant::kNone},
      {"maastricht-centrum",
       "Maastricht Centrum",
       "location",
       "regio-zuid",
       "Joris Dekker",
       "Maastricht",
       false,
       0.6,
       0.3,
       {0.12, 0.36, 0.52},
       Plant::kNone},
      {"antwerpen-meir",
       "Antwerpen Meir",
       "location",
       "regio-belgie",
       "Wout Janssens",
       "Antwerpen",
       true,
       1.3,
       0.6,
       {0.10, 0.36, 0.54},
       Plant::kNone},
      {"gent-centrum",
       "Gent Centrum",
       "location",
       "regio-belgie",
       "Lien De Smet",
       "Gent",
       true,
       1.0,
       0.3,
       {0.09, 0.35, 0.56},
       Plant::kNone},
      {"brussel-centrum",
       "Brussel Centrum",
       "location",
       "regio-belgie",
       "Koen Dubois",
       "Brussel",
       true,
       0.8,
       1.5,
       {0.13, 0.37, 0.50},
       Plant::kNone},
      {"leuven-centrum",
       "Leuven Centrum",
       "location",
       "regio-belgie",
       "Sofie Maes",
       "Leuven",
       true,
       0.6,
       0.4,
       {0.08, 0.35, 0.57},
       Plant::kNone},
      {"klantenservice",
       "Klantenservice",
       "team",
       "stroomlijn",
       "Esther Visser",
       "",
       false,
       0,
       0,
       {0.16, 0.36, 0.48},
       Plant::kNone},
      {"bezorging-nl",
       "Bezorging Nederland",
       "team",
       "stroomlijn",
       "Gerrit Kramer",
       "",
       false,
       0,
       0,
       {0.13, 0.32, 0.55},
       Plant::kNone},
      {"bezorging-be",
       "Bezorging België",
       "team",
       "stroomlijn",
       "Jens Claes",
       "",
       true,
       0,
       0,
       {0.11, 0.34, 0.55},
       Plant::kNone},
      {"webshop",
       "Webshop en app",
       "team",
       "stroomlijn",
       "Tim van Leeuwen",
       "",
       false,
       0,
       0,
       {0.09, 0.38, 0.53},
       Plant::kNone},
  };
  return kUnits;
}

// The turnaround unit's profile after the change (before it: its UnitSpec profile).
constexpr MoodProbs kTurnaroundAfter = {0.04, 0.30, 0.66};
constexpr Micros kTurnaroundRamp = 30 * kDay;

// Grade10 decks for the planted sevens: drawn without replacement, so every 40 grades have exactly this
// histogram and the mean is 7.0 however few items a demo has.
constexpr std::array<int, 40> kHiddenSevenDeck = {2, 3, 3, 4, 4, 4, 4, 4, 5, 5, 5, 5, 5, 5, 5, 6,  7,  8,  8,  8,
                                                  8, 8, 8, 8, 8, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 10, 10, 10, 10, 10};
constexpr std::array<int, 40> kSteadySevenDeck = {4, 5, 5, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 7, 7, 7, 7, 7, 7, 7,
                                                  7, 7, 7, 7, 7, 7, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 9, 9, 9};

// ---------------------------------------------------------------------------------------------------------
// Names.

constexpr std::string_view kDutchFirst[] = {
    "Emma",    "Julia",    "Sophie", "Anna",   "Lotte",   "Sanne",    "Lisa",   "Eva",     "Fleur",   "Iris",
    "Noor",    "Sara",     "Femke",  "Anouk",  "Marieke", "Linda",    "Ingrid", "Monique", "Petra",   "Els",
    "Ria",     "Annemiek", "Yvonne", "Esther", "Mirjam",  "Daniëlle", "Fatima", "Yasmina", "Naima",   "Chantal",
    "Daan",    "Lucas",    "Sem",    "Thijs",  "Bram",    "Jesse",    "Ruben",  "Niels",   "Jeroen",  "Mark",
    "Peter",   "Jan",      "Kees",   "Henk",   "Wim",     "Gerrit",   "Pieter", "Bas",     "Joris",   "Tim",
    "Martijn", "Sander",   "Erik",   "Rob",    "Hans",    "Mohamed",  "Ahmed",  "Mehmet",  "Youssef", "Stefan"};
constexpr std::string_view kDutchLast[] = {
    "de Jong",         "Jansen",       "de Vries",      "van den Berg", "van Dijk",
    "Bakker",          "Janssen",      "Visser",        "Smit",         "Meijer",
    "de Boer",         "Mulder",       "de Groot",      "Bos",          "Vos",
    "Peters",          "Hendriks",     "van Leeuwen",   "Dekker",       "Brouwer",
    "de Wit",          "Dijkstra",     "Smits",         "de Graaf",     "van der Meer",
    "van der Linden",  "Kok",          "Jacobs",        "de Haan",      "Vermeulen",
    "van den Heuvel",  "van der Veen", "van den Broek", "de Bruijn",    "de Bruin",
    "van der Heijden", "Schouten",     "van Beek",      "Willems",      "van Vliet",
    "van de Ven",      "Hoekstra",     "Maas",          "Verhoeven",    "Koster",
    "van Dam",         "van der Wal",  "Prins",         "Blom",         "Huisman",
    "Kuipers",         "van Wijk",     "Postma",        "Kramer",       "Yılmaz",
    "Öztürk",          "Kaya",         "El Amrani",     "Bouzid",       "Haddou",
    "Boukhari",        "Wijnands",     "Sluiter"};
constexpr std::string_view kFlemishFirst[] = {
    "Lien",  "Ine",    "Hanne",  "Elke",  "Katrien", "Griet",      "An",   "Sofie", "Marie", "Louise", "Nele",
    "Ellen", "Joke",   "Veerle", "Anaïs", "Wout",    "Pieter-Jan", "Jens", "Koen",  "Bart",  "Dirk",   "Tom",
    "Stijn", "Wouter", "Arne",   "Jef",   "Bert",    "Geert",      "Luc",  "Kobe",  "Seppe", "Lore"};
constexpr std::string_view kFlemishLast[] = {
    "Peeters", "Janssens", "Maes",         "Jacobs",     "Mertens",   "Willems",         "Claes",    "Goossens",
    "Wouters", "De Smet",  "Dubois",       "Lambert",    "Dumont",    "Vermeulen",       "Pauwels",  "De Clercq",
    "Hermans", "Aerts",    "Van Damme",    "Verstraete", "De Backer", "Van den Bossche", "Michiels", "Vandenberghe",
    "Desmet",  "Coppens",  "Segers",       "Cools",      "Verhaegen", "Van Acker",       "Martens",  "Lemmens",
    "Stevens", "Bogaert",  "Van de Velde", "De Wilde"};
constexpr std::string_view kEnglishFirst[] = {
    "Oliver", "James", "Harry", "Jack",   "George", "Thomas",    "Daniel", "Matthew", "David",   "Michael",
    "Chris",  "Ryan",  "Emily", "Olivia", "Amelia", "Charlotte", "Grace",  "Hannah",  "Jessica", "Rachel",
    "Laura",  "Kate",  "Megan", "Lucy",   "Sarah",  "Rebecca",   "Claire", "Liam",    "Sean",    "Aoife"};
constexpr std::string_view kEnglishLast[] = {
    "Smith",   "Jones",    "Williams", "Taylor", "Brown",    "Davies",   "Evans",  "Wilson", "Thomas",
    "Johnson", "Roberts",  "Walker",   "Wright", "Robinson", "Thompson", "White",  "Hughes", "Edwards",
    "Green",   "Hall",     "Wood",     "Harris", "Clarke",   "Jackson",  "Turner", "Murphy", "O'Brien",
    "Kelly",   "Campbell", "Stewart",  "Miller", "Anderson", "Moore",    "Fraser"};
constexpr std::string_view kInternationalFirst[] = {"Priya",  "Arjun", "Wei",   "Mei",       "Lukas",  "Sofia",
                                                    "Mateo",  "Ana",   "Piotr", "Katarzyna", "Giulia", "Marco",
                                                    "Andrei", "Elena", "Raj",   "Yuki"};
constexpr std::string_view kInternationalLast[] = {"Sharma", "Patel",    "Chen",   "Wang",    "Müller",    "García",
                                                   "Rossi",  "Kowalski", "Nowak",  "Popescu", "Fernández", "Kumar",
                                                   "Silva",  "Novak",    "Tanaka", "Schmidt"};
constexpr std::string_view kDutchTrades[] = {
    "installatietechniek", "bouw",      "catering",   "advies",        "logistiek", "schoonmaak",
    "kantoorinrichting",   "hoveniers", "tandartsen", "fysiotherapie", "vastgoed",  "evenementen"};
constexpr std::string_view kEnglishTrades[] = {"consulting", "design", "software", "events", "trading", "media"};

// Lowercase ASCII for e-mail addresses: common accented letters lose their accents; everything else that
// is not a letter, digit or hyphen is dropped ("van der Meer" → "vandermeer", "O'Brien" → "obrien").
std::string Slug(std::string_view s) {
  static constexpr std::pair<std::string_view, char> kFold[] = {
      {"ë", 'e'}, {"é", 'e'}, {"è", 'e'}, {"ï", 'i'}, {"í", 'i'}, {"ı", 'i'}, {"ü", 'u'},
      {"ö", 'o'}, {"Ö", 'o'}, {"ó", 'o'}, {"á", 'a'}, {"ç", 'c'}, {"ñ", 'n'}};
  std::string out;
  for (size_t i = 0; i < s.size();) {
    bool folded = false;
    for (const auto& [from, to] : kFold) {
      if (s.substr(i, from.size()) == from) {
        out += to;
        i += from.size();
        folded = true;
        break;
      }
    }
    if (folded) continue;
    const char c = s[i++];
    if (c >= 'A' && c <= 'Z') {
      out += static_cast<char>(c + 32);
    } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-') {
      out += c;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Customers.

enum class Origin { kDutch, kFlemish, kEnglish, kInternational };

struct Person {
  DemoCustomer out;
  size_t home = 0;  // index into UnitSpecs()
  bool business = false;
  bool lost = false;
  Micros lost_at = 0;
};

std::string DigitString(Rng& rng, int count) {
  std::string s;
  for (int i = 0; i < count; ++i) s += static_cast<char>('0' + rng.Below(10));
  return s;
}

std::vector<Person> MakeCustomers(std::uint64_t seed, int count, Micros start) {
  Rng rng(seed, 1);
  const auto& units = UnitSpecs();
  std::vector<double> nl_weights(units.size()), be_weights(units.size()), expat_weights(units.size());
  for (size_t u = 0; u < units.size(); ++u) {
    if (units[u].kind != "location") continue;
    (units[u].belgium ? be_weights : nl_weights)[u] = units[u].weight;
    expat_weights[u] = units[u].expat_weight;
  }
  std::vector<Person> people;
  people.reserve(static_cast<size_t>(count));
  std::set<std::string> emails;
  for (int k = 0; k < count; ++k) {
    Person p;
    const double roll = rng.Uniform();
    const Origin origin = roll < 0.50   ? Origin::kDutch
                          : roll < 0.68 ? Origin::kFlemish
                          : roll < 0.95 ? Origin::kEnglish
                                        : Origin::kInternational;
    p.business = rng.Chance(0.22);
    std::string_view first, last;
    switch (origin) {
      case Origin::kDutch:
        first = rng.Pick(kDutchFirst);
        last = rng.Pick(kDutchLast);
        break;
      case Origin::kFlemish:
        first = rng.Pick(kFlemishFirst);
        last = rng.Pick(kFlemishLast);
        break;
      case Origin::kEnglish:
        first = rng.Pick(kEnglishFirst);
        last = rng.Pick(kEnglishLast);
        break;
      case Origin::kInternational:
        first = rng.Pick(kInternationalFirst);
        last = rng.Pick(kInternationalLast);
        break;
    }
    const bool dutch_speaking = origin == Origin::kDutch || origin == Origin::kFlemish;
    p.home = origin == Origin::kDutch     ? rng.Weighted(nl_weights)
             : origin == Origin::kFlemish ? rng.Weighted(be_weights)
                                          : rng.Weighted(expat_weights);
    const UnitSpec& home = units[p.home];
    DemoCustomer& c = p.out;
    c.external_ref = "K" + std::to_string(100001 + k);
    c.name = std::string(first) + " " + std::string(last);
    c.language = dutch_speaking ? "nl" : "en";
    c.phone = home.belgium ? "+324" + std::to_string(rng.Between(60, 99)) + DigitString(rng, 6)
                           : "+316" + std::to_string(rng.Between(1, 9)) + DigitString(rng, 7);

    // E-mail: private addresses at the RFC 2606 example domains, business ones at <company>.example.
    const std::string f = Slug(first), l = Slug(last);
    std::string local, domain;
    if (p.business) {
      const std::string_view trade = dutch_speaking ? rng.Pick(kDutchTrades) : rng.Pick(kEnglishTrades);
      domain = l + "-" + std::string(trade) + ".example";
      local = rng.Chance(0.5) ? f : f.substr(0, 1) + "." + l;
    } else {
      static constexpr std::string_view kDomains[] = {"example.com", "example.net", "example.org"};
      domain = rng.Pick(kDomains);
      switch (rng.Below(5)) {
        case 0:
          local = f + ".";
          local += l;
          break;
        case 1: local = f.substr(0, 1) + "." + l; break;
        case 2: local = f + l; break;
        case 3:
          local = f + ".";
          local += l;
          local += std::to_string(rng.Between(60, 99));
          break;
        default: local = f + l.substr(0, 1) + std::to_string(rng.Between(1, 999)); break;
      }
    }
    std::string email = local;
    email += "@";
    email += domain;
    for (int n = 2; emails.count(email) != 0; ++n) email = fmt::format("{}{}@{}", local, n, domain);
    emails.insert(email);
    c.email = std::move(email);

    static constexpr std::string_view kTiers[] = {"basic", "plus", "premium"};
    const std::array<double, 3> tier_weights =
        p.business ? std::array<double, 3>{0.35, 0.40, 0.25} : std::array<double, 3>{0.62, 0.27, 0.11};
    std::string_view region;
    for (const UnitSpec& u : units) {
      if (u.code == home.parent) region = u.name.substr(u.name.find(' ') + 1);  // "Regio Zuid" → "Zuid"
    }
    c.attributes = {{"segment", p.business ? "B2B" : "B2C"},
                    {"region", std::string(region)},
                    {"tier", std::string(kTiers[rng.Weighted(tier_weights)])}};
    c.consent_contact = rng.Chance(0.8);
    p.lost = rng.Chance(0.05);
    c.status = p.lost ? "lost" : "active";
    // Lost in the last three quarters of the period, at least two days before now.
    p.lost_at = start + static_cast<Micros>(static_cast<double>(kDemoSpan - 2 * kDay) * (0.25 + 0.75 * rng.Uniform()));
    if (!p.lost) p.lost_at = 0;
    people.push_back(std::move(p));
  }
  return people;
}

// ---------------------------------------------------------------------------------------------------------
// Scores.

MoodProbs ForScale(MoodProbs g, Scale scale) {
  switch (scale) {
    case Scale::kGrade10: return g;
    case Scale::kNps:  // Dutch customers give 7s and 8s: part of the neutral and happy mass becomes passive
      return {g.unhappy + 0.35 * g.neutral, 0.65 * g.neutral + 0.3 * g.happy, 0.7 * g.happy};
    case Scale::kCsat5:
    case Scale::kStars5: return {g.unhappy, 0.5 * g.neutral, 0.5 * g.neutral + g.happy};
  }
  return g;
}

Mood DrawMood(Rng& rng, MoodProbs p) {
  const double w[] = {p.unhappy, p.neutral, p.happy};
  return static_cast<Mood>(rng.Weighted(w));
}

// A value of class `mood` on `scale`, with realistic weights inside the class.
int DrawValue(Rng& rng, Scale scale, Mood mood) {
  switch (scale) {
    case Scale::kGrade10: {
      static constexpr double kUnhappy[] = {2, 3, 8, 15, 20}, kNeutral[] = {45, 55}, kHappy[] = {55, 30, 15};
      if (mood == Mood::kUnhappy) return 1 + static_cast<int>(rng.Weighted(kUnhappy));
      if (mood == Mood::kNeutral) return 6 + static_cast<int>(rng.Weighted(kNeutral));
      return 8 + static_cast<int>(rng.Weighted(kHappy));
    }
    case Scale::kNps: {
      static constexpr double kUnhappy[] = {3, 2, 3, 5, 7, 12, 15}, kNeutral[] = {45, 55}, kHappy[] = {55, 45};
      if (mood == Mood::kUnhappy) return static_cast<int>(rng.Weighted(kUnhappy));
      if (mood == Mood::kNeutral) return 7 + static_cast<int>(rng.Weighted(kNeutral));
      return 9 + static_cast<int>(rng.Weighted(kHappy));
    }
    case Scale::kCsat5:
    case Scale::kStars5: {
      static constexpr double kUnhappy[] = {60, 40}, kHappy[] = {45, 55};
      if (mood == Mood::kUnhappy) return 1 + static_cast<int>(rng.Weighted(kUnhappy));
      if (mood == Mood::kNeutral) return 3;
      return 4 + static_cast<int>(rng.Weighted(kHappy));
    }
  }
  return 0;
}

// Values drawn without replacement from a fixed multiset, reshuffled when used up.
class Deck {
 public:
  explicit Deck(std::span<const int> cards) : cards_(cards.begin(), cards.end()), next_(cards_.size()) {}
  int Draw(Rng& rng) {
    if (next_ == cards_.size()) {
      for (size_t i = cards_.size() - 1; i > 0; --i) std::swap(cards_[i], cards_[rng.Below(i + 1)]);
      next_ = 0;
    }
    return cards_[next_++];
  }

 private:
  std::vector<int> cards_;
  size_t next_;
};

// ---------------------------------------------------------------------------------------------------------
// Feedback.

// What kind of item to generate; the sources of kSources, with reviews split by brand and exits by origin.
enum class Kind {
  kSurvey,
  kComplaint,
  kOwnReview,
  kCompetitorReview,
  kSocial,
  kEmployee,
  kLetter,
  kFormExit,
  kInterviewExit
};
constexpr std::string_view KindSource(Kind k) {
  switch (k) {
    case Kind::kSurvey: return "survey";
    case Kind::kComplaint: return "complaint";
    case Kind::kOwnReview:
    case Kind::kCompetitorReview: return "review";
    case Kind::kSocial: return "social";
    case Kind::kEmployee: return "employee";
    case Kind::kLetter: return "letter";
    case Kind::kFormExit:
    case Kind::kInterviewExit: return "exit";
  }
  return "survey";
}
// The first items cover every source, so that even a tiny demo shows all of them.
constexpr Kind kFirstKinds[] = {Kind::kSurvey,   Kind::kComplaint, Kind::kOwnReview, Kind::kSocial,
                                Kind::kEmployee, Kind::kLetter,    Kind::kFormExit,  Kind::kCompetitorReview};
constexpr Kind kKinds[] = {Kind::kSurvey, Kind::kComplaint, Kind::kOwnReview, Kind::kCompetitorReview,
                           Kind::kSocial, Kind::kEmployee,  Kind::kLetter,    Kind::kFormExit};
constexpr double kKindWeights[] = {0.563, 0.10, 0.08, 0.05, 0.08, 0.08, 0.02, 0.007};
// How often an item of each kind (kKinds order) names its customer.
constexpr double kCustomerShare[] = {1.0, 0.95, 0.45, 0.0, 0.25, 0.85, 1.0, 0.0};

enum class Touchpoint { kStore, kDelivery, kSupport, kOnline };
constexpr std::string_view kTouchpointNames[] = {"store_visit", "delivery", "customer_service", "online_order"};

// Topic weights per touchpoint, in Topic order: delivery, waiting, staff, price, quality, app, invoice,
// returns, cleanliness, stock, advice.
using TopicWeights = std::array<double, kTopicCount>;
constexpr TopicWeights kTouchpointTopics[] = {
    {0, 2, 3, 1.5, 1, 0, 0.3, 1, 1.5, 2, 3},  // store
    {6, 0, 1, 0, 1.5, 0, 0.3, 0.5, 0, 0, 0},  // delivery
    {0, 3, 2.5, 0, 0.5, 0, 2, 2, 0, 0, 0},    // support
    {2, 0, 0, 1.5, 0, 3.5, 1, 0, 0, 1, 0},    // online
};
// Competitor reviews: what each competitor is praised and blamed for, by mood.
constexpr TopicWeights kCompetitorTopics[2][3] = {
    // Snelbezorgd: fast and cheap, poor service
    {{0, 3, 2, 0, 1, 0, 0, 3, 0, 0, 0}, {2, 0, 0, 1, 0, 1, 0, 1, 0, 0, 0}, {5, 0, 0, 2, 0, 2, 0, 0, 0, 0, 0}},
    // WinkelPlus: good prices, empty shelves and little expertise
    {{1, 1, 0, 0, 0, 0, 0, 0, 0, 3, 3}, {1, 0, 0, 1, 0, 0, 0, 0, 0, 1, 1}, {0, 0, 1, 4, 0, 0, 0, 0, 0, 2, 1}},
};
constexpr MoodProbs kCompetitorProfiles[2] = {{0.35, 0.10, 0.55}, {0.10, 0.25, 0.65}};

struct Generator {
  const DemoOptions& options;
  Micros start;
  Micros turnaround;
  std::vector<Person> people;
  std::vector<double> activity_cumulative;  // for drawing active customers more often
  std::vector<size_t> stores, nl_stores, be_stores;
  size_t support_unit = 0, delivery_nl = 0, delivery_be = 0, webshop = 0;
  Deck hidden_deck{kHiddenSevenDeck};
  Deck steady_deck{kSteadySevenDeck};
  Rng rng;

  Generator(const DemoOptions& o, Micros start_time)
      : options(o), start(start_time), turnaround(TurnaroundStart(o.now)), rng(o.seed, 2) {
    const auto& units = UnitSpecs();
    for (size_t u = 0; u < units.size(); ++u) {
      if (units[u].kind == "location") {
        stores.push_back(u);
        (units[u].belgium ? be_stores : nl_stores).push_back(u);
      }
      if (units[u].code == "klantenservice") support_unit = u;
      if (units[u].code == "bezorging-nl") delivery_nl = u;
      if (units[u].code == "bezorging-be") delivery_be = u;
      if (units[u].code == "webshop") webshop = u;
    }
  }

  void PrepareCustomers() {
    people = MakeCustomers(options.seed, std::max(0, options.customers), start);
    Rng activity(options.seed, 3);
    double total = 0;
    for (size_t i = 0; i < people.size(); ++i) {
      const double u = activity.Uniform();
      total += 0.2 + 3.0 * u * u;  // a few customers give feedback often, most now and then
      activity_cumulative.push_back(total);
    }
  }

  const Person* PickCustomer() {
    if (people.empty()) return nullptr;
    const double x = rng.Uniform() * activity_cumulative.back();
    const size_t i = static_cast<size_t>(std::upper_bound(activity_cumulative.begin(), activity_cumulative.end(), x) -
                                         activity_cumulative.begin());
    return &people[std::min(i, people.size() - 1)];
  }

  // A time in [start, now): more feedback recently (the programme grows), fewer items on Sundays, and
  // during opening and evening hours.
  Micros SampleTime() {
    const Micros span = options.now - start;
    for (int attempt = 0;; ++attempt) {
      const double x = rng.Chance(0.6) ? rng.Uniform() : std::sqrt(rng.Uniform());
      Micros t = start + static_cast<Micros>(static_cast<double>(span) * x);
      Micros day = t >= 0 ? t / kDay : (t - kDay + 1) / kDay;
      const int weekday = static_cast<int>(((day + 4) % 7 + 7) % 7);  // 0 = Sunday (1970-01-01 was a Thursday)
      if (weekday == 0 && attempt < 3 && rng.Chance(0.55)) continue;
      static constexpr double kHours[] = {1, 2, 4, 6, 7, 7, 7, 6, 6, 6, 7, 7, 6, 5, 3, 2};  // 06..21 UTC
      const int hour = 6 + static_cast<int>(rng.Weighted(kHours));
      t = day * kDay + (hour * 3600 + rng.Between(0, 3599)) * kMicrosPerSecond;
      if (t >= options.now) t -= kDay;
      if (t < start) t += kDay;
      if (t >= start && t < options.now) return t;
      if (attempt > 8) return start + (span > 0 ? static_cast<Micros>(rng.Below(static_cast<std::uint64_t>(span))) : 0);
    }
  }

  // `t` truncated to a whole second, kept inside [start, now).
  Micros WholeSecond(Micros t) const {
    Micros s = t - ((t % kMicrosPerSecond) + kMicrosPerSecond) % kMicrosPerSecond;
    if (s < start) s += kMicrosPerSecond;
    return std::min(s, options.now - 1);
  }

  // The grade10 class probabilities of a unit at time t.
  MoodProbs Profile(const UnitSpec* unit, Micros t) const {
    if (unit == nullptr) return {0.10, 0.35, 0.55};
    if (unit->plant != Plant::kTurnaround || t < turnaround) return unit->profile;
    const double f = std::min(1.0, static_cast<double>(t - turnaround) / static_cast<double>(kTurnaroundRamp));
    const MoodProbs& a = unit->profile;
    const MoodProbs& b = kTurnaroundAfter;
    return {a.unhappy + f * (b.unhappy - a.unhappy), a.neutral + f * (b.neutral - a.neutral),
            a.happy + f * (b.happy - a.happy)};
  }

  // B2B NPS: steady for the first 40% of the period, then sliding from NPS +34 to −30.
  MoodProbs BusinessNps(Micros t) const {
    const double x = static_cast<double>(t - start) / static_cast<double>(options.now - start);
    const double f = x < 0.4 ? 0.0 : std::min(1.0, (x - 0.4) / 0.6);
    return {0.18 + f * 0.32, 0.30, 0.52 - f * 0.32};
  }

  size_t StoreFor(const Person* person) {
    if (person != nullptr) {
      if (rng.Chance(0.85)) return person->home;
      return rng.Pick(UnitSpecs()[person->home].belgium ? be_stores : nl_stores);
    }
    return rng.Chance(0.8) ? rng.Pick(nl_stores) : rng.Pick(be_stores);
  }

  size_t UnitFor(Touchpoint tp, const Person* person) {
    switch (tp) {
      case Touchpoint::kStore: return StoreFor(person);
      case Touchpoint::kDelivery: {
        const bool belgium = person != nullptr ? UnitSpecs()[person->home].belgium : rng.Chance(0.2);
        return belgium ? delivery_be : delivery_nl;
      }
      case Touchpoint::kSupport: return support_unit;
      case Touchpoint::kOnline: return webshop;
    }
    return support_unit;
  }

  // 1–3 distinct topics, the main one first.
  std::vector<Topic> Topics(TopicWeights weights) {
    std::vector<Topic> topics;
    const int count = rng.Chance(0.35) ? (rng.Chance(0.2) ? 3 : 2) : 1;
    for (int i = 0; i < count; ++i) {
      double total = 0;
      for (double w : weights) total += w;
      if (total <= 0) break;
      const size_t t = rng.Weighted(weights);
      topics.push_back(static_cast<Topic>(t));
      weights[t] = 0;
    }
    if (topics.empty()) topics.push_back(Topic::kStaff);
    return topics;
  }

  FeedbackInput MakeItem(Kind kind, const Person* forced_customer = nullptr);
};

template <size_t N>
std::string_view PickWeighted(Rng& rng, const std::string_view (&names)[N], const double (&weights)[N]) {
  return names[rng.Weighted(weights)];
}

FeedbackInput Generator::MakeItem(Kind kind, const Person* forced_customer) {
  const auto& units = UnitSpecs();
  FeedbackInput in;
  in.source = std::string(KindSource(kind));
  Micros t = 0;
  const Person* person = forced_customer;
  if (kind == Kind::kInterviewExit) {
    // A call a few days after the customer left.
    t = person->lost_at + kDay + static_cast<Micros>(rng.Below(static_cast<std::uint64_t>(20 * kDay)));
    t = std::min(t, options.now - 1);
  } else {
    t = SampleTime();
    const size_t k = static_cast<size_t>(std::find(std::begin(kKinds), std::end(kKinds), kind) - std::begin(kKinds));
    if (rng.Chance(kCustomerShare[k])) person = PickCustomer();
    if (person != nullptr && person->lost && t >= person->lost_at) {
      // Nobody gives feedback after leaving (except in the exit interview): move it to before.
      t = start + static_cast<Micros>(static_cast<double>(person->lost_at - start) * rng.Uniform());
    }
  }
  in.received_at = WholeSecond(t);
  if (person != nullptr) {
    in.customer = CustomerRef{person->out.external_ref, {}, {}, {}, {}};
    in.attributes["segment"] = person->out.attributes.at("segment");
    in.attributes["tier"] = person->out.attributes.at("tier");
  }
  const bool business = person != nullptr && person->business;
  in.language = person != nullptr ? person->out.language : (rng.Chance(0.7) ? "nl" : "en");

  // Touchpoint, unit and channel.
  static constexpr double kSurveyTp[] = {0.45, 0.22, 0.15, 0.18};
  static constexpr double kComplaintTp[] = {0.3, 0.3, 0.2, 0.2};
  static constexpr double kReviewTp[] = {0.5, 0.2, 0.0, 0.3};
  static constexpr double kSocialTp[] = {0.2, 0.35, 0.3, 0.15};
  static constexpr double kEmployeeTp[] = {0.6, 0.2, 0.2, 0.0};
  static constexpr double kLetterTp[] = {0.4, 0.3, 0.3, 0.0};
  static constexpr double kExitTp[] = {0.5, 0.15, 0.15, 0.2};
  const double* tp_weights = kSurveyTp;
  switch (kind) {
    case Kind::kSurvey: tp_weights = kSurveyTp; break;
    case Kind::kComplaint: tp_weights = kComplaintTp; break;
    case Kind::kOwnReview:
    case Kind::kCompetitorReview: tp_weights = kReviewTp; break;
    case Kind::kSocial: tp_weights = kSocialTp; break;
    case Kind::kEmployee: tp_weights = kEmployeeTp; break;
    case Kind::kLetter: tp_weights = kLetterTp; break;
    case Kind::kFormExit:
    case Kind::kInterviewExit: tp_weights = kExitTp; break;
  }
  const auto tp = static_cast<Touchpoint>(rng.Weighted(std::span(tp_weights, 4)));
  const UnitSpec* unit = nullptr;
  if (kind == Kind::kInterviewExit) {
    unit = &units[person->home];
  } else if (kind != Kind::kCompetitorReview && kind != Kind::kFormExit) {
    unit = &units[UnitFor(tp, person)];
  }
  if (unit != nullptr) in.unit = std::string(unit->code);

  static constexpr std::string_view kSurveyChannels[4][4] = {{"qr", "email", "sms", "store"},
                                                             {"sms", "email", "app", "app"},
                                                             {"phone", "email", "sms", "sms"},
                                                             {"email", "web", "app", "app"}};
  static constexpr double kSurveyChannelWeights[4][4] = {
      {0.35, 0.35, 0.15, 0.15}, {0.5, 0.4, 0.1, 0}, {0.3, 0.5, 0.2, 0}, {0.4, 0.35, 0.25, 0}};
  std::optional<Scale> scale;
  switch (kind) {
    case Kind::kSurvey: {
      const auto i = static_cast<size_t>(tp);
      in.channel = std::string(kSurveyChannels[i][rng.Weighted(kSurveyChannelWeights[i])]);
      static constexpr double kScales[] = {0.5, 0.4, 0.1};
      scale = std::array{Scale::kNps, Scale::kGrade10, Scale::kCsat5}[rng.Weighted(kScales)];
      in.attributes["touchpoint"] = std::string(kTouchpointNames[i]);
      break;
    }
    case Kind::kComplaint: {
      static constexpr std::string_view kChannels[] = {"email", "phone", "web", "store", "app"};
      static constexpr double kWeights[] = {0.35, 0.3, 0.2, 0.1, 0.05};
      in.channel = std::string(PickWeighted(rng, kChannels, kWeights));
      if (rng.Chance(0.2)) scale = Scale::kCsat5;
      break;
    }
    case Kind::kOwnReview:
    case Kind::kCompetitorReview: {
      static constexpr std::string_view kChannels[] = {"google", "trustpilot", "web", "app"};
      static constexpr double kOwn[] = {0.45, 0.3, 0.15, 0.1}, kCompetitor[] = {0.5, 0.35, 0.15, 0};
      in.channel = std::string(kind == Kind::kOwnReview ? PickWeighted(rng, kChannels, kOwn)
                                                        : PickWeighted(rng, kChannels, kCompetitor));
      scale = in.channel == "web" ? Scale::kCsat5 : Scale::kStars5;
      break;
    }
    case Kind::kSocial: {
      static constexpr std::string_view kChannels[] = {"x", "facebook", "instagram", "linkedin", "tiktok"};
      static constexpr double kConsumer[] = {0.3, 0.32, 0.28, 0.04, 0.06}, kBusiness[] = {0.25, 0.15, 0.1, 0.5, 0};
      in.channel =
          std::string(business ? PickWeighted(rng, kChannels, kBusiness) : PickWeighted(rng, kChannels, kConsumer));
      break;
    }
    case Kind::kEmployee:
      in.channel = tp == Touchpoint::kStore ? "store" : tp == Touchpoint::kDelivery ? "delivery" : "phone";
      break;
    case Kind::kLetter: in.channel = "post"; break;
    case Kind::kFormExit:
      in.channel = "web";
      scale = Scale::kCsat5;
      break;
    case Kind::kInterviewExit:
      in.channel = rng.Chance(0.7) ? "phone" : "email";
      scale = rng.Chance(0.6) ? Scale::kNps : Scale::kGrade10;
      break;
  }

  // Mood and score.
  const MoodProbs profile = Profile(unit, t);
  size_t competitor = 0;
  Mood mood = Mood::kNeutral;
  std::optional<int> value;
  switch (kind) {
    case Kind::kSurvey:
      if (*scale == Scale::kGrade10 && unit != nullptr && unit->plant == Plant::kHiddenSeven) {
        value = hidden_deck.Draw(rng);
      } else if (*scale == Scale::kGrade10 && unit != nullptr && unit->plant == Plant::kSteadySeven) {
        value = steady_deck.Draw(rng);
      } else {
        mood = DrawMood(rng, *scale == Scale::kNps && business ? BusinessNps(t) : ForScale(profile, *scale));
      }
      break;
    case Kind::kComplaint: mood = Mood::kUnhappy; break;
    case Kind::kOwnReview: mood = DrawMood(rng, ForScale(profile, *scale)); break;
    case Kind::kCompetitorReview:
      competitor = rng.Chance(0.5) ? 0 : 1;
      in.brand = std::string(kCompetitors[competitor]);
      mood = DrawMood(rng, kCompetitorProfiles[competitor]);
      break;
    case Kind::kSocial: mood = DrawMood(rng, {0.5, 0.2, 0.3}); break;
    case Kind::kEmployee: mood = DrawMood(rng, {0.45, 0.25, 0.30}); break;
    case Kind::kLetter: mood = DrawMood(rng, {0.8, 0.0, 0.2}); break;
    case Kind::kFormExit: mood = DrawMood(rng, {0.55, 0.30, 0.15}); break;
    case Kind::kInterviewExit: mood = DrawMood(rng, {0.60, 0.30, 0.10}); break;
  }
  if (scale) {
    if (!value) value = DrawValue(rng, *scale, mood);
    in.score = Score{*scale, *value};
    mood = in.score->mood();
  }

  // Text: always, except for a part of the surveys (a score without a comment).
  static constexpr double kSurveyTextShare[] = {0.85, 0.55, 0.6};
  if (kind != Kind::kSurvey || rng.Chance(kSurveyTextShare[static_cast<int>(mood)])) {
    TopicWeights weights{};
    if (kind == Kind::kCompetitorReview) {
      weights = kCompetitorTopics[competitor][static_cast<int>(mood)];
    } else {
      weights = kTouchpointTopics[static_cast<int>(tp)];
      if (mood == Mood::kUnhappy && unit != nullptr && unit->plant == Plant::kHiddenSeven) {
        weights[static_cast<int>(Topic::kWaiting)] = 4 * (weights[static_cast<int>(Topic::kWaiting)] + 1);
        weights[static_cast<int>(Topic::kStaff)] = 4 * (weights[static_cast<int>(Topic::kStaff)] + 1);
      }
      if (mood == Mood::kUnhappy && business) {
        // Business customers' grievances: invoices first, then delivery.
        weights[static_cast<int>(Topic::kInvoice)] = 6 * std::max(1.0, weights[static_cast<int>(Topic::kInvoice)]);
        weights[static_cast<int>(Topic::kDelivery)] *= 2;
      }
    }
    const std::vector<Topic> topics = Topics(weights);
    TextRequest request;
    request.source = in.source;
    request.mood = mood;
    request.language = in.language;
    request.channel = in.channel;
    request.topics = topics;
    request.brand = kind == Kind::kCompetitorReview ? kCompetitors[competitor] : kCompanyName;
    request.competitor = kind == Kind::kCompetitorReview;
    const UnitSpec& place = unit != nullptr && !unit->city.empty() ? *unit
                            : person != nullptr                    ? units[person->home]
                                                                   : units[rng.Pick(stores)];
    request.city = place.city;
    if (person != nullptr) request.customer_name = person->out.name;
    request.competitor_name = kCompetitors[rng.Below(std::size(kCompetitors))];
    request.business = business;
    in.text = ComposeText(rng, request);
  }
  return in;
}

// ---------------------------------------------------------------------------------------------------------
// Facts, measured on the generated data.

struct Tally {
  int count = 0, fails = 0, middle = 0;
  double sum = 0;
  void Add(int v, Mood m) {
    ++count;
    sum += v;
    if (m == Mood::kUnhappy) ++fails;
    if (m == Mood::kNeutral) ++middle;
  }
  double Mean() const { return count > 0 ? sum / count : 0; }
  double Share(int n) const { return count > 0 ? 100.0 * n / count : 0; }
};

struct NpsTally {
  int count = 0, promoters = 0, detractors = 0;
  void Add(int v) {
    ++count;
    if (v >= 9) ++promoters;
    if (v <= 6) ++detractors;
  }
  double Nps() const { return count > 0 ? 100.0 * (promoters - detractors) / count : 0; }
};

std::string Month(Micros t) {
  const auto day = std::chrono::floor<std::chrono::days>(
      std::chrono::sys_time<std::chrono::microseconds>(std::chrono::microseconds(t)));
  const std::chrono::year_month_day ymd{day};
  return fmt::format("{:04d}-{:02d}", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()));
}

std::vector<std::string> Facts(const DemoData& data, const DemoOptions& options, Micros start,
                               const std::vector<Person>& people, int exit_interviews) {
  std::vector<std::string> facts;
  const Micros turnaround = TurnaroundStart(options.now);
  Tally hidden, steady, turn_before, turn_after;
  std::map<std::string, NpsTally> first_half_year, last_half_year;  // by segment
  std::map<std::string, Tally> reviews;                             // by brand
  int nl = 0;
  for (const FeedbackInput& f : data.feedback) {
    if (f.language == "nl") ++nl;
    if (!f.score) continue;
    const int v = f.score->value;
    const Mood m = f.score->mood();
    if (f.score->scale == Scale::kGrade10) {
      if (f.unit == kHiddenSevenUnit) hidden.Add(v, m);
      if (f.unit == kSteadySevenUnit) steady.Add(v, m);
      if (f.unit == kTurnaroundUnit) (f.received_at < turnaround ? turn_before : turn_after).Add(v, m);
    }
    if (f.score->scale == Scale::kNps && f.attributes.count("segment") != 0) {
      const std::string& segment = f.attributes.at("segment");
      if (f.received_at < start + kHalfYear) first_half_year[segment].Add(v);
      if (f.received_at >= options.now - kHalfYear) last_half_year[segment].Add(v);
    }
    if (f.source == "review") reviews[f.brand].Add(v, m);
  }
  size_t business = 0, lost = 0;
  for (const Person& p : people) {
    business += p.business ? 1 : 0;
    lost += p.lost ? 1 : 0;
  }
  const size_t n = data.feedback.size();
  facts.push_back(fmt::format(
      "organisation: {}, a consumer-electronics and home-appliance retailer with {} units (stores in the "
      "Netherlands and Belgium under four regions, a customer-service team, two delivery teams and a webshop "
      "team); {} customers ({} B2B, {} lost, {} exit interviews); {} feedback items from {} to {}, {:.0f}% in Dutch",
      kCompanyName, data.units.size(), people.size(), business, lost, exit_interviews, n,
      FormatRfc3339(start).substr(0, 10), FormatRfc3339(options.now).substr(0, 10),
      n > 0 ? 100.0 * nl / static_cast<double>(n) : 0.0));
  if (hidden.count > 0) {
    facts.push_back(fmt::format(
        "unit {}: the hidden seven: mean grade {:.1f} over {} grade10 scores looks fine, yet {:.0f}% are fails "
        "(1–5) and only {:.0f}% are a 6 or 7: a bimodal distribution; its unhappy customers mostly talk about "
        "waiting time and staff",
        kHiddenSevenUnit, hidden.Mean(), hidden.count, hidden.Share(hidden.fails), hidden.Share(hidden.middle)));
  }
  if (steady.count > 0) {
    facts.push_back(
        fmt::format("unit {}: the same mean grade {:.1f} over {} scores, but only {:.0f}% fails: compare its histogram "
                    "with {}",
                    kSteadySevenUnit, steady.Mean(), steady.count, steady.Share(steady.fails), kHiddenSevenUnit));
  }
  if (first_half_year.count("B2B") != 0 && last_half_year.count("B2B") != 0) {
    facts.push_back(fmt::format(
        "segment B2B: NPS fell from {:+.0f} in the first 6 months to {:+.0f} in the last 6 months (B2C: {:+.0f} → "
        "{:+.0f}); invoices and delivery are what unhappy business customers mention most",
        first_half_year["B2B"].Nps(), last_half_year["B2B"].Nps(), first_half_year["B2C"].Nps(),
        last_half_year["B2C"].Nps()));
  }
  if (turn_before.count > 0 && turn_after.count > 0) {
    facts.push_back(fmt::format(
        "unit {}: improving since {} (new manager Sanne de Boer): mean grade {:.1f} with {:.0f}% fails before, "
        "{:.1f} with {:.0f}% fails from {} on",
        kTurnaroundUnit, Month(turnaround), turn_before.Mean(), turn_before.Share(turn_before.fails), turn_after.Mean(),
        turn_after.Share(turn_after.fails), Month(turnaround)));
  }
  std::string review_fact = "reviews (stars5/csat5, brand = the company reviewed):";
  for (std::string_view brand : {std::string_view("own"), kCompetitors[0], kCompetitors[1]}) {
    const Tally& r = reviews[std::string(brand)];
    review_fact +=
        fmt::format(" {} {:.1f} over {} reviews ({:.0f}% negative);", brand, r.Mean(), r.count, r.Share(r.fails));
  }
  review_fact.back() = '.';
  facts.push_back(review_fact +
                  " Snelbezorgd is praised for fast delivery and blamed for service and returns; "
                  "WinkelPlus for prices versus empty shelves and poor advice");
  return facts;
}

}  // namespace

Micros TurnaroundStart(Micros now) {
  using namespace std::chrono;
  const auto day = floor<days>(sys_time<microseconds>(microseconds(now)));
  const year_month_day ymd{day};
  const year_month first = year_month{ymd.year(), ymd.month()} - months{8};
  return duration_cast<microseconds>(sys_days{first / 1}.time_since_epoch()).count();
}

DemoData GenerateDemo(const DemoOptions& options) {
  const Micros start = options.now - kDemoSpan;
  Generator g(options, start);
  g.PrepareCustomers();

  DemoData data;
  for (const UnitSpec& u : UnitSpecs()) {
    data.units.push_back(
        {std::string(u.code), std::string(u.name), std::string(u.kind), std::string(u.parent), std::string(u.manager)});
  }

  // Exit interviews: one for each lost customer, as far as the feedback count allows (at most 1 in 20).
  const int total = std::max(0, options.feedback);
  std::vector<const Person*> lost;
  for (const Person& p : g.people) {
    if (p.lost) lost.push_back(&p);
  }
  const int interviews = static_cast<int>(std::min<size_t>(lost.size(), static_cast<size_t>(total / 20)));
  const int regular = total - interviews;

  std::vector<FeedbackInput> items;
  items.reserve(static_cast<size_t>(total));
  for (int i = 0; i < regular; ++i) {
    const Kind kind =
        i < static_cast<int>(std::size(kFirstKinds)) ? kFirstKinds[i] : kKinds[g.rng.Weighted(kKindWeights)];
    items.push_back(g.MakeItem(kind));
    items.back().idempotency_key = fmt::format("demo-{}-{}", options.seed, i);
  }
  // The interviews come from their own stream, so that they do not shift the regular items.
  Rng saved = g.rng;
  g.rng = Rng(options.seed, 4);
  for (int k = 0; k < interviews; ++k) {
    items.push_back(g.MakeItem(Kind::kInterviewExit, lost[static_cast<size_t>(k)]));
    items.back().idempotency_key = fmt::format("demo-{}-exit-{}", options.seed, k);
  }
  g.rng = saved;

  // Sort by time; the generation order breaks ties, so the order is the same with every sort implementation.
  std::vector<size_t> order(items.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return items[a].received_at != items[b].received_at ? items[a].received_at < items[b].received_at : a < b;
  });
  data.feedback.reserve(items.size());
  for (size_t i : order) data.feedback.push_back(std::move(items[i]));

  data.customers.reserve(g.people.size());
  for (const Person& p : g.people) data.customers.push_back(p.out);
  data.facts = Facts(data, options, start, g.people, interviews);
  return data;
}

}  // namespace ks::demo
