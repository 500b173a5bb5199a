// A mail to send: plain values, rendered already (see mail_templates.h).
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace ks::notify {

struct Mail {
  std::string kind;        // what it is, for logs and the outbox: "accounts.invite"
  std::string to_address;  // one recipient
  std::string to_name;     // display name; may be non-ASCII (encoded on the wire)
  std::string subject;     // UTF-8, one line
  std::string text_body;   // the text/plain part (always present)
  std::string html_body;   // the text/html part; empty: a text-only mail
  // Extra headers, e.g. List-Unsubscribe (ASCII values).
  std::vector<std::pair<std::string, std::string>> headers;
};

}  // namespace ks::notify
