// Mail templates in Dutch and English (notify/templates/<kind>.<language>.<part>.mustache, compiled
// into the binary): a subject, a text part and an HTML part per kind and language. The HTML part is
// rendered with mstch's HTML escaping; the subject and text part are plain text, so values appear in
// them literally ("Jan & Piet <x>" stays as it is). Thread-safe.
#pragma once

#include <mstch/mstch.hpp>
#include <string>
#include <string_view>

#include "base/result.h"
#include "notify/mail.h"

namespace ks::notify {

// Renders mail `kind` in `language` (falling back to English when the kind has no such language).
// kNotFound for an unknown kind.
Result<Mail> RenderMail(std::string_view kind, std::string_view language, const mstch::map& context,
                        std::string to_address, std::string to_name);

// Reverses mstch's HTML escaping (&amp; &lt; &gt; &quot; &#39; &#x2f; and other numeric references)
// in one pass; exposed for the tests.
std::string UnescapeHtml(std::string_view text);

}  // namespace ks::notify
