// The demo organisation (DESIGN §4, `klantstem demo`): a deterministic, pure-data generator of units,
// customers and 18 months of feedback for "Stroomlijn", an invented consumer-electronics and
// home-appliance retailer with stores in the Netherlands and Belgium, a customer-service team, delivery
// teams and a webshop team. The data is realistic (names, phones, e-mails, Dutch and English texts whose
// sentiment matches the score, every source and many channels) and carries planted patterns that the
// product should reveal; `DemoData::facts` states them, measured on the generated data.
//
// Deterministic: the same options give the same data on every platform (own PRNG, no std distributions,
// no unordered containers, stable ordering). Customers and feedback use separate random streams, and
// feedback item n depends only on the seed, the customer count and n, so a smaller demo's items are a
// prefix (by idempotency key) of a larger one with the same seed and customer count.
// Contact data is safe to store: e-mail addresses use the reserved example.com/.net/.org domains and the
// .example top-level domain (RFC 2606); phone numbers, however, are ordinary Dutch/Belgian numbers.
// Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "feedback/feedback.h"

namespace ks::demo {

struct DemoOptions {
  int customers = 2000;     // number of customers (negative counts as 0)
  int feedback = 50000;     // number of feedback items (negative counts as 0)
  std::uint64_t seed = 42;  // the same seed gives the same organisation
  Micros now = 0;           // the data covers the kDemoSpan before `now` (received_at in [now − span, now))
};

struct DemoUnit {
  std::string code, name;
  std::string kind;         // team | location | brand | region
  std::string parent_code;  // empty for none; a parent always comes before its children in DemoData::units
  std::string manager;
};

struct DemoCustomer {
  std::string external_ref, name, email, phone;
  std::string language;                           // nl | en
  std::map<std::string, std::string> attributes;  // segment: B2C|B2B, region, tier: basic|plus|premium
  bool consent_contact = false;
  std::string status;  // active | lost
};

struct DemoData {
  std::vector<DemoUnit> units;
  std::vector<DemoCustomer> customers;
  std::vector<FeedbackInput> feedback;  // sorted by received_at
  std::vector<std::string> facts;       // human-readable statements of the planted patterns, with measured values
};

DemoData GenerateDemo(const DemoOptions& options);

// "18 months": the span of time the feedback covers.
inline constexpr Micros kDemoSpan = Micros{548} * 86'400 * kMicrosPerSecond;

// The organisation and the planted patterns, for tests and for anyone who wants to point at them.
inline constexpr std::string_view kCompanyName = "Stroomlijn";
// (a) The hidden seven: mean grade10 ≈ 7.0 while more than a third of the grades are fails (bimodal).
inline constexpr std::string_view kHiddenSevenUnit = "utrecht-centrum";
// Its honest twin: the same mean grade, but few fails (unimodal around 7).
inline constexpr std::string_view kSteadySevenUnit = "rotterdam-zuidplein";
// (b) A segment whose NPS declines through the second half of the period.
inline constexpr std::string_view kDecliningSegment = "B2B";
// (c) A unit that improves from the month TurnaroundStart(now) on (a new manager).
inline constexpr std::string_view kTurnaroundUnit = "groningen-centrum";
// (d) Competitors whose reviews appear with brand = their name, each with its own distribution.
inline constexpr std::string_view kCompetitors[] = {"Snelbezorgd", "WinkelPlus"};

// The first instant (00:00 UTC on the 1st) of the month, about eight months before `now`, from which the
// turnaround unit improves.
Micros TurnaroundStart(Micros now);

}  // namespace ks::demo
