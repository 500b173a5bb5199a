// Delivery of one SMS through a configurable HTTP provider: a JSON POST built from a body template
// (so any provider with a "send one message" JSON endpoint fits without code), with an optional
// Authorization header, over http:// or https:// (certificates checked against the system CA store).
//
// Thread-safety: Send() opens its own connection each call and may be called from any thread;
// the transport holds only its immutable config.
#pragma once

#include <string>
#include <utility>

#include "base/clock.h"
#include "base/result.h"

namespace ks::notify {

// One SMS to send, rendered already.
struct Sms {
  std::string kind;  // what it is, for logs and the outbox: "invitations.sms"
  std::string to;    // the recipient as an E.164 phone number: "+31612345678"
  std::string text;  // UTF-8 message text
};

struct SmsConfig {
  // The provider's endpoint, http:// or https://, that receives one POST per message. No default.
  std::string url;
  // The full Authorization header value ("Bearer abc", "Basic …"); empty: no Authorization header.
  std::string auth_header;
  // The JSON request body; {{to}} and {{text}} are replaced by the JSON-escaped values without quotes
  // added, so they normally stand inside a JSON string. Both must occur. Default: {"to":…,"text":…}.
  std::string body_template = R"({"to":"{{to}}","text":"{{text}}"})";
  // Connect, send and receive timeout of one request; default 10 s.
  Micros timeout = 10 * kMicrosPerSecond;
};

// Checks `config` before use: url is http(s) with a host ("sms_url"); body_template contains {{to}} and
// {{text}} and is valid JSON once they are substituted ("sms_body_template"); auth_header is one line
// ("sms_auth_header"); timeout is positive ("sms_timeout"). kInvalidArgument naming the field.
Result<SmsConfig> ValidateSmsConfig(SmsConfig config);

// The request body for one message: `body_template` with every {{to}} and {{text}} replaced by the
// JSON-escaped value (non-ASCII as \u escapes, invalid UTF-8 replaced by U+FFFD). Substituted text is
// not scanned again, so a message containing "{{to}}" stays as written. Exposed for tests.
std::string RenderSmsBody(const std::string& body_template, const Sms& sms);

// Sends SMS messages; an interface so the sender can be tested against a failing transport too.
class SmsTransport {
 public:
  virtual ~SmsTransport() = default;
  // kInvalidArgument when the provider refuses the message for good (don't retry);
  // kUnavailable when it cannot be reached, times out or answers with a temporary error (retry later).
  virtual Result<void> Send(const Sms& sms) = 0;
};

// SmsTransport over HTTP(S) with Poco::Net. Pass a config checked by ValidateSmsConfig; an invalid URL
// makes every Send() fail with kInvalidArgument (field "sms_url") without connecting.
//
// Provider answers: 2xx → Ok; 408, 429 and 5xx → kUnavailable; other 4xx → kInvalidArgument (field
// "sms", with the status and the start of the answer); 1xx/3xx → kUnavailable (redirects are not
// followed: configure the final URL, and queued messages go out once it is fixed).
class HttpSmsTransport : public SmsTransport {
 public:
  explicit HttpSmsTransport(SmsConfig config) : config_(std::move(config)) {}
  Result<void> Send(const Sms& sms) override;
  const SmsConfig& config() const { return config_; }

 private:
  SmsConfig config_;
};

}  // namespace ks::notify
