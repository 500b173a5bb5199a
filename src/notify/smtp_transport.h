// Delivery of one mail over SMTP with Poco::Net: plain or STARTTLS, optional AUTH PLAIN, a
// multipart/alternative message (text + HTML, UTF-8, quoted-printable) with RFC 2047-encoded
// non-ASCII names and subject, Date and Message-ID headers.
//
// Thread-safety: Send() opens its own connection each time and may be called from any thread.
#pragma once

#include <string>
#include <string_view>

#include "base/clock.h"
#include "base/result.h"
#include "notify/mail.h"

namespace ks::notify {

struct SmtpConfig {
  std::string host = "127.0.0.1";  // the SMTP server (a relay or the provider's submission host)
  int port = 25;                   // 25 (relay), 587 (submission with STARTTLS)
  bool starttls = false;           // upgrade the connection with STARTTLS before AUTH and sending
  std::string username;            // AUTH PLAIN when not empty
  std::string password;
  std::string from_address = "klantstem@localhost";  // the envelope and From address
  std::string from_name = "klantstem";               // From display name
  Micros timeout = 30 * kMicrosPerSecond;            // connect and per-command timeout; default 30 s
};

// "smtp://user:password@host:port?starttls=1&from=klantstem@example.com&from_name=Klantenservice".
// User and password are percent-decoded; the port defaults to 25 (587 with starttls=1).
// kInvalidArgument (field "smtp") says what is wrong.
Result<SmtpConfig> ParseSmtpUrl(std::string_view url);

// Sends mails; an interface so the sender can be tested against a failing transport too.
class MailTransport {
 public:
  virtual ~MailTransport() = default;
  // kUnavailable when the server cannot be reached or answers with a temporary error (retry later);
  // kInvalidArgument when it refuses the message or recipient for good.
  virtual Result<void> Send(const Mail& mail) = 0;
};

class SmtpTransport : public MailTransport {
 public:
  explicit SmtpTransport(SmtpConfig config) : config_(std::move(config)) {}
  Result<void> Send(const Mail& mail) override;
  const SmtpConfig& config() const { return config_; }

 private:
  SmtpConfig config_;
};

}  // namespace ks::notify
