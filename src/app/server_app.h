// ServerApp: the composition root of `klantstem serve`. Owns the database, the writer, the pools, the
// services and the HTTP server, wires them in dependency order and tears them down in reverse.
#pragma once

#include <memory>
#include <string>

#include "base/result.h"

namespace ks {

struct ServeConfig {
  std::string db_url = "sqlite:./data/klantstem.db";  // --db, KLANTSTEM_DB
  std::string listen = "127.0.0.1:8080";              // --listen, KLANTSTEM_LISTEN
  size_t threads = 2;                                 // --threads, KLANTSTEM_THREADS: HTTP threads
  size_t max_body_bytes = 1 << 20;                    // --max-body, KLANTSTEM_MAX_BODY: 413 above this
  std::string public_url;         // --public-url, KLANTSTEM_PUBLIC_URL: base of links in mails; "" = request's Host
  std::string smtp_url;           // --smtp, KLANTSTEM_SMTP_URL: where mails go; "" = they wait in the outbox
  bool secure_cookies = false;    // --secure-cookies, KLANTSTEM_SECURE_COOKIES=1: behind HTTPS
  std::string sms_url;            // --sms-url, KLANTSTEM_SMS_URL: the SMS provider's endpoint; "" = no SMS invitations
  std::string sms_auth_header;    // --sms-auth, KLANTSTEM_SMS_AUTH: its Authorization header value
  std::string sms_body_template;  // --sms-body, KLANTSTEM_SMS_BODY: JSON with {{to}} and {{text}}; "" = default
};

// Runs until SIGTERM or SIGINT, then shuts down gracefully: new requests get 503, in-flight ones are
// answered, the writer is flushed. Returns an error when start-up fails.
Result<void> RunServer(const ServeConfig& config);

}  // namespace ks
