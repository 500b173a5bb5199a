// The Feedback record (DESIGN §4): every channel's customer voice as one shape.
// Plain value types; no behaviour beyond what the fields mean.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "base/clock.h"
#include "feedback/scale.h"
#include "text/analyzer.h"

namespace ks {

// Where feedback comes from.
inline constexpr std::string_view kSources[] = {"survey",   "complaint", "review", "social",
                                                "employee", "letter",    "exit"};

struct Score {
  Scale scale = Scale::kNps;
  int value = 0;
  Mood mood() const { return MoodOf(scale, value); }
};

// The customer a feedback item is about, identified by the organisation's own reference; the other
// fields, when given, update the stored customer.
struct CustomerRef {
  std::string external_ref;
  std::optional<std::string> name;
  std::optional<std::string> email;
  std::optional<std::string> phone;
  std::optional<std::string> language;
};

// A validated feedback item as submitted (API, import, demo). Strings are valid UTF-8.
struct FeedbackInput {
  std::string source;   // one of kSources
  std::string channel;  // email, sms, web, qr, phone, store, app, … (lowercase token)
  std::optional<CustomerRef> customer;
  std::string unit;           // unit code; empty when not about a unit
  std::string brand = "own";  // "own" or a competitor's name
  std::optional<Score> score;
  std::string text;      // at most kMaxTextLength code points
  std::string language;  // ISO 639-1 ("nl"), empty when unknown
  Micros received_at = 0;
  std::map<std::string, std::string> attributes;  // e.g. segment → B2C
  std::string idempotency_key;                    // empty when none
  // The employee who reported it (source "employee", actions/report_pages.h). Set by klantstem from the
  // reporter's session, never read from API JSON or an import, never shown where the policy forbids it.
  std::optional<std::int64_t> reported_by;
};

// A stored feedback item.
struct FeedbackItem {
  std::int64_t id = 0;
  FeedbackInput input;
  std::optional<std::int64_t> customer_id;
  std::optional<std::int64_t> unit_id;
  Micros created_at = 0;
  std::string unit_name;
  // The name of input.reported_by. The reporter is shown only where the permission policy allows
  // (accounts/policy.h, Action::kViewReporter); never in the JSON API.
  std::string reporter_name;
  // What text analysis found in the item's text; none for an item without text or not yet analysed.
  std::optional<text::TextAnalysis> analysis;
};

inline constexpr size_t kMaxTextLength = 20'000;

}  // namespace ks
