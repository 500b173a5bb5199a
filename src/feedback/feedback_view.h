// How a feedback item is shown on a page (mustache context), shared by the inbox, the item page and
// the customer page, so the privacy rules (customer identity, reporter) are applied in one place.
#pragma once

#include <mstch/mstch.hpp>

#include "accounts/web_auth.h"
#include "feedback/feedback.h"
#include "text/taxonomy.h"

namespace ks {

// `full_text` false shortens long texts to an excerpt (the inbox). `taxonomy` names the item's topics
// (null, or a topic it no longer has: the key, spaced out).
mstch::map FeedbackView(const WebRequest& r, const FeedbackItem& item, bool full_text,
                        const text::Taxonomy* taxonomy = nullptr);
// "Customer 1234" style label when the viewer may not see the customer's name.
std::string CustomerLabel(const WebRequest& r, const std::string& external_ref, const std::optional<std::string>& name);

}  // namespace ks
