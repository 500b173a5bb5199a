// The demo's text generator: realistic Dutch and English feedback texts for a consumer-electronics and
// home-appliance retailer, composed from topic-specific sentence fragments × sentiment × source-specific
// openers, closers and framings (a survey answer, a complaint, a formal letter, a review, a social post,
// an employee's note of what a customer said, an exit interview), with slots for products, amounts,
// durations and names. The sentiment of every fragment matches the requested mood, so a text never
// contradicts its score. Pure functions over constant tables; thread-safe (each caller brings its Rng).
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "demo/demo_random.h"
#include "feedback/scale.h"

namespace ks::demo {

// What a text is about. Not every topic fits every touchpoint (the generator chooses).
enum class Topic {
  kDelivery,     // delivery time, the driver, damage in transit
  kWaiting,      // queues in the shop, waiting on the phone, slow replies
  kStaff,        // friendliness and attitude
  kPrice,        // prices, extra charges, offers
  kQuality,      // the product itself
  kApp,          // website and app
  kInvoice,      // invoices, double charges, refunds
  kReturns,      // returns, exchanges, warranty repairs
  kCleanliness,  // the state of the shop
  kStock,        // availability
  kAdvice,       // expertise of the sales staff
};
inline constexpr int kTopicCount = 11;

// "delivery", "waiting_time", … (stable English names, e.g. for facts and tests).
std::string_view TopicName(Topic topic);

struct TextRequest {
  std::string_view source = "survey";  // one of kSources; decides the framing
  Mood mood = Mood::kNeutral;          // the sentiment every fragment must have
  std::string_view language = "nl";    // "nl" or "en"
  std::string_view channel;            // the item's channel; employee notes say where they heard it
  std::span<const Topic> topics;       // 1..3 topics, the main one first; must not be empty
  std::string_view brand;              // the company the text is about ("Stroomlijn", "Snelbezorgd")
  bool competitor = false;             // the brand is not the organisation itself (reviews)
  std::string_view city;               // a city for place mentions ("Utrecht"); must not be empty
  std::string_view customer_name;      // full name of the customer, empty when anonymous
  std::string_view competitor_name;    // where a leaving customer went (exit); must not be empty for exit
  bool business = false;               // a business customer: allows fragments about "our company"
};

// A text for `request`; never empty, valid UTF-8, no unfilled slots.
std::string ComposeText(Rng& rng, const TextRequest& request);

}  // namespace ks::demo
