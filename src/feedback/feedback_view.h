// How a feedback item is shown on a page (mustache context), shared by the inbox, the item page and
// the customer page, so the privacy rules (customer identity, reporter) are applied in one place.
#pragma once

#include <mstch/mstch.hpp>
#include <optional>
#include <vector>

#include "accounts/web_auth.h"
#include "db/database.h"
#include "feedback/feedback.h"
#include "text/taxonomy.h"

namespace ks {

// `full_text` false shortens long texts to an excerpt (the inbox). `taxonomy` names the item's topics
// (null, or a topic it no longer has: the key, spaced out).
mstch::map FeedbackView(const WebRequest& r, const FeedbackItem& item, bool full_text,
                        const text::Taxonomy* taxonomy = nullptr);
// A topic's name in the viewer's language; a key the taxonomy (may be null) does not have, as people read
// it ("waiting_time" → "waiting time").
std::string TopicLabel(const WebRequest& r, std::string key, const text::Taxonomy* taxonomy);
// "Customer 1234" style label when the viewer may not see the customer's name.
std::string CustomerLabel(const WebRequest& r, const std::string& external_ref, const std::optional<std::string>& name);
// The cards (FeedbackView, full text) of the first `limit` of `ids`, in that order, for the partial
// feedback_card inside another page; items that no longer exist are left out. nullopt when the
// database fails.
std::optional<mstch::array> FeedbackCards(const WebRequest& r, db::Connection& c, const std::vector<std::int64_t>& ids,
                                          size_t limit);

}  // namespace ks
