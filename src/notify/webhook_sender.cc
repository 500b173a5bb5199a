#include "notify/webhook_sender.h"

#include <Poco/Exception.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Timespan.h>
#include <Poco/URI.h>
#include <sodium.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <istream>
#include <memory>
#include <ostream>

#include "base/strings.h"
#include "notify/webhooks.h"

namespace ks::notify {
namespace {

// How much of a receiver's answer goes into last_error.
constexpr size_t kAnswerSnippetBytes = 200;
constexpr Micros kPruneEvery = 3600LL * kMicrosPerSecond;

// "https://host:port", for messages: the full URL may carry a token in its path or query.
std::string Endpoint(const Poco::URI& uri) {
  return uri.getScheme() + "://" + uri.getHost() + ":" + std::to_string(uri.getPort());
}

// The start of an answer as one line of valid UTF-8.
std::string AnswerSnippet(std::istream& in) {
  std::array<char, kAnswerSnippetBytes> buffer{};
  in.read(buffer.data(), buffer.size());
  std::string snippet(buffer.data(), static_cast<size_t>(in.gcount()));
  const bool valid = IsValidUtf8(snippet);
  for (char& ch : snippet) {
    const auto byte = static_cast<unsigned char>(ch);
    if (byte < 0x20 || byte == 0x7f) ch = ' ';
    if (!valid && byte >= 0x80) ch = '?';
  }
  return std::string(Trim(snippet));
}

}  // namespace

std::string HmacSha256Hex(std::string_view key, std::string_view message) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  crypto_auth_hmacsha256_state state;
  std::array<unsigned char, crypto_auth_hmacsha256_BYTES> mac{};
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(key.data()), key.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(message.data()), message.size());
  crypto_auth_hmacsha256_final(&state, mac.data());
  sodium_memzero(&state, sizeof state);
  std::array<char, crypto_auth_hmacsha256_BYTES * 2 + 1> hex{};
  sodium_bin2hex(hex.data(), hex.size(), mac.data(), mac.size());
  return std::string(hex.data(), crypto_auth_hmacsha256_BYTES * 2);
}

std::string WebhookSignature(std::string_view secret, std::int64_t timestamp, std::string_view body) {
  std::string signed_text = std::to_string(timestamp);
  signed_text += '.';
  signed_text += body;
  return "sha256=" + HmacSha256Hex(secret, signed_text);
}

WebhookAttempt PostWebhook(const std::string& url, std::string_view event, std::int64_t delivery_id,
                           std::string_view secret, std::int64_t timestamp, const std::string& body, Micros timeout) {
  WebhookAttempt attempt;
  auto checked = ValidateWebhookUrl(url);
  if (!checked.ok()) {
    attempt.error = checked.error().message;
    return attempt;
  }
  Poco::URI uri;
  try {
    uri = Poco::URI(*checked);
    std::unique_ptr<Poco::Net::HTTPClientSession> session;
    if (uri.getScheme() == "https") {
      // Peer verification against the system CA store (loadDefaultCAs = true), at most 9 levels deep.
      const Poco::Net::Context::Ptr context = new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, "", "", "",
                                                                     Poco::Net::Context::VERIFY_RELAXED, 9, true);
      session = std::make_unique<Poco::Net::HTTPSClientSession>(uri.getHost(), uri.getPort(), context);
    } else {
      session = std::make_unique<Poco::Net::HTTPClientSession>(uri.getHost(), uri.getPort());
    }
    session->setTimeout(Poco::Timespan(timeout));
    session->setKeepAlive(false);

    std::string target = uri.getPathAndQuery();
    if (target.empty() || target.front() != '/') target.insert(0, "/");
    Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_POST, target, Poco::Net::HTTPMessage::HTTP_1_1);
    request.setContentType("application/json");
    request.setContentLength(static_cast<std::streamsize>(body.size()));
    request.set("User-Agent", "klantstem-webhooks");
    request.set("X-Klantstem-Event", std::string(event));
    request.set("X-Klantstem-Delivery", std::to_string(delivery_id));
    request.set("X-Klantstem-Timestamp", std::to_string(timestamp));
    request.set("X-Klantstem-Signature", WebhookSignature(secret, timestamp, body));
    request.setKeepAlive(false);

    std::ostream& out = session->sendRequest(request);
    out << body;
    out.flush();
    if (!out) {
      attempt.error = "cannot send the request to " + Endpoint(uri);
      return attempt;
    }
    Poco::Net::HTTPResponse response;
    std::istream& in = session->receiveResponse(response);
    const int status = static_cast<int>(response.getStatus());
    attempt.status = status;
    if (status >= 200 && status < 300) {
      attempt.delivered = true;
      return attempt;
    }
    const std::string snippet = AnswerSnippet(in);
    attempt.error = "HTTP " + std::to_string(status) + (snippet.empty() ? "" : ": " + snippet);
    if (status >= 300 && status < 400) attempt.error += " (redirects are not followed; configure the final URL)";
  } catch (const Poco::TimeoutException&) {
    attempt.error = Endpoint(uri) + " did not answer within " + std::to_string(timeout / 1000) + " ms";
  } catch (const Poco::Exception& e) {
    attempt.error = "cannot reach " + Endpoint(uri) + ": " + e.displayText();
  } catch (const std::exception& e) {
    attempt.error = "cannot reach " + Endpoint(uri) + ": " + e.what();
  }
  return attempt;
}

WebhookSender::WebhookSender(db::ConnectionPool& pool, const Clock& clock, Options options)
    : pool_(pool), clock_(clock), options_(options), loop_(options.poll_interval, [this] {
        if (auto result = RunOnce(); !result.ok()) spdlog::warn("webhook sender: {}", result.error().message);
        return false;
      }) {}

Micros WebhookSender::Backoff(std::int64_t attempts) const {
  Micros delay = options_.first_backoff;
  for (std::int64_t i = 1; i < attempts && delay < options_.max_backoff; ++i) delay *= 2;
  return std::min(delay, options_.max_backoff);
}

Result<int> WebhookSender::RunOnce() {
  KS_ASSIGN_OR_RETURN(auto c, pool_.Acquire());
  const Micros now = clock_.Now();
  if (options_.keep_finished > 0 && now - last_prune_.load() >= kPruneEvery) {
    last_prune_.store(now);
    auto pruned = PruneWebhookDeliveries(*c, now - options_.keep_finished);
    if (!pruned.ok()) {
      spdlog::warn("webhook sender: removing old deliveries failed: {}", pruned.error().message);
    } else if (*pruned > 0) {
      spdlog::info("webhook sender: removed {} deliveries older than {} days", *pruned,
                   options_.keep_finished / (24LL * 3600 * kMicrosPerSecond));
    }
  }
  KS_ASSIGN_OR_RETURN(auto claimed, ClaimDueDeliveries(*c, now, options_.batch, options_.lease));
  int delivered = 0;
  for (const auto& [d, secret] : claimed) {
    const std::int64_t timestamp = clock_.Now() / kMicrosPerSecond;
    const WebhookAttempt attempt =
        PostWebhook(d.endpoint_url, d.event, d.id, secret, timestamp, d.payload, options_.timeout);
    const Micros after = clock_.Now();
    if (attempt.delivered) {
      KS_RETURN_IF_ERROR(MarkDelivered(*c, d.id, attempt.status.value_or(200), after));
      ++delivered;
      delivered_.fetch_add(1);
      spdlog::info("webhook {} ({}) delivered to endpoint {} (attempt {})", d.id, d.event, d.endpoint_id, d.attempts);
      continue;
    }
    if (d.attempts >= options_.max_attempts || after - d.created_at >= options_.give_up_after) {
      KS_RETURN_IF_ERROR(MarkDeliveryFailed(*c, d.id, attempt.status, attempt.error, after));
      failed_.fetch_add(1);
      spdlog::error("webhook {} ({}) to endpoint {} given up after {} attempts: {}", d.id, d.event, d.endpoint_id,
                    d.attempts, attempt.error);
    } else {
      KS_RETURN_IF_ERROR(MarkDeliveryRetry(*c, d.id, attempt.status, attempt.error, after + Backoff(d.attempts)));
      retried_.fetch_add(1);
      spdlog::warn("webhook {} ({}) to endpoint {} not delivered (attempt {}), will retry: {}", d.id, d.event,
                   d.endpoint_id, d.attempts, attempt.error);
    }
  }
  return delivered;
}

}  // namespace ks::notify
