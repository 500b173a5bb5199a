#include "notify/sms_transport.h"

#include <Poco/Exception.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/NetException.h>
#include <Poco/Timespan.h>
#include <Poco/URI.h>

#include <array>
#include <istream>
#include <memory>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string_view>

#include "base/strings.h"

namespace ks::notify {
namespace {

constexpr std::string_view kToPlaceholder = "{{to}}";
constexpr std::string_view kTextPlaceholder = "{{text}}";
// How much of a provider's answer goes into an error message.
constexpr size_t kAnswerSnippetBytes = 200;

// `value` as the inside of a JSON string: escaped, ASCII only, without the quotes.
std::string JsonEscape(const std::string& value) {
  const std::string quoted =
      nlohmann::json(value).dump(-1, ' ', /*ensure_ascii=*/true, nlohmann::json::error_handler_t::replace);
  return quoted.substr(1, quoted.size() - 2);
}

// The provider's endpoint, checked: an http(s) URL with a host and no user info.
Result<Poco::URI> ParseProviderUrl(const std::string& url) {
  const auto bad = [](const std::string& why) { return Error::Invalid("sms_url", why); };
  if (url.empty()) return bad("the SMS provider URL is missing (use https://host/path)");
  Poco::URI uri;
  try {
    uri = Poco::URI(url);
  } catch (const Poco::Exception& e) {
    return bad("the SMS provider URL is not a valid URL: " + e.message());
  }
  if (uri.getScheme() != "http" && uri.getScheme() != "https") {
    return bad("the SMS provider URL must start with http:// or https://");
  }
  if (uri.getHost().empty()) return bad("the SMS provider URL has no host");
  if (!uri.getUserInfo().empty()) {
    return bad("the SMS provider URL must not contain credentials; set the Authorization header instead");
  }
  return uri;
}

// "https://host:port", for messages: the full URL may carry an API key in its query.
std::string Endpoint(const Poco::URI& uri) {
  return uri.getScheme() + "://" + uri.getHost() + ":" + std::to_string(uri.getPort());
}

// The start of a provider's answer as one line of valid UTF-8, for an error message.
std::string AnswerSnippet(std::istream& in) {
  std::array<char, kAnswerSnippetBytes> buffer{};
  in.read(buffer.data(), buffer.size());
  std::string snippet(buffer.data(), static_cast<size_t>(in.gcount()));
  // A multi-byte character cut at the end is dropped; anything else invalid becomes '?'.
  for (int i = 0;
       i < 3 && !IsValidUtf8(snippet) && !snippet.empty() && static_cast<unsigned char>(snippet.back()) >= 0x80; ++i) {
    snippet.pop_back();
  }
  const bool valid = IsValidUtf8(snippet);
  for (char& ch : snippet) {
    const auto byte = static_cast<unsigned char>(ch);
    if (byte < 0x20 || byte == 0x7f) ch = ' ';
    if (!valid && byte >= 0x80) ch = '?';
  }
  return std::string(Trim(snippet));
}

// Maps a non-2xx answer: 408, 429 and 5xx are temporary; other 4xx permanent; the rest (1xx, 3xx) are
// treated as temporary so queued messages go out once the configuration is fixed.
Error ProviderError(int status, const std::string& snippet, const Poco::URI& uri) {
  const std::string detail = std::to_string(status) + (snippet.empty() ? "" : " " + snippet);
  if (status >= 400 && status < 500 && status != 408 && status != 429) {
    return Error::Invalid("sms", "SMS provider refused the message: " + detail);
  }
  if (status >= 300 && status < 400) {
    return Error::Unavailable("SMS provider " + Endpoint(uri) + " redirects (" + detail +
                              "); redirects are not followed, configure the final URL");
  }
  return Error::Unavailable("SMS provider " + Endpoint(uri) + " is unavailable: " + detail);
}

}  // namespace

std::string RenderSmsBody(const std::string& body_template, const Sms& sms) {
  const std::string to = JsonEscape(sms.to);
  const std::string text = JsonEscape(sms.text);
  std::string body;
  body.reserve(body_template.size() + to.size() + text.size());
  const std::string_view all = body_template;
  size_t pos = 0;
  while (pos < all.size()) {
    const std::string_view rest = all.substr(pos);
    if (rest.substr(0, kToPlaceholder.size()) == kToPlaceholder) {
      body += to;
      pos += kToPlaceholder.size();
    } else if (rest.substr(0, kTextPlaceholder.size()) == kTextPlaceholder) {
      body += text;
      pos += kTextPlaceholder.size();
    } else {
      body += rest.front();
      ++pos;
    }
  }
  return body;
}

Result<SmsConfig> ValidateSmsConfig(SmsConfig config) {
  KS_RETURN_IF_ERROR(ParseProviderUrl(config.url));
  if (config.auth_header.find_first_of("\r\n") != std::string::npos) {
    return Error::Invalid("sms_auth_header", "the Authorization header value must be one line");
  }
  const auto bad_template = [](const std::string& why) { return Error::Invalid("sms_body_template", why); };
  for (const std::string_view placeholder : {kToPlaceholder, kTextPlaceholder}) {
    if (config.body_template.find(placeholder) == std::string::npos) {
      return bad_template("the SMS body template must contain " + std::string(placeholder));
    }
  }
  const Sms sample{"sample", "+31612345678", "Hoe was uw \"bezoek\"?\n\\ \xF0\x9F\x91\x8D"};
  const auto parsed = nlohmann::json::parse(RenderSmsBody(config.body_template, sample), nullptr,
                                            /*allow_exceptions=*/false);
  if (parsed.is_discarded()) {
    return bad_template(
        "the SMS body template is not valid JSON once {{to}} and {{text}} are replaced (they are inserted "
        "escaped but without quotes, so write \"{{text}}\")");
  }
  if (config.timeout <= 0) return Error::Invalid("sms_timeout", "the SMS provider timeout must be positive");
  return config;
}

Result<void> HttpSmsTransport::Send(const Sms& sms) {
  KS_ASSIGN_OR_RETURN(const Poco::URI uri, ParseProviderUrl(config_.url));
  const std::string body = RenderSmsBody(config_.body_template, sms);
  try {
    std::unique_ptr<Poco::Net::HTTPClientSession> session;
    if (uri.getScheme() == "https") {
      // Peer verification against the system CA store (loadDefaultCAs = true), at most 9 levels deep.
      const Poco::Net::Context::Ptr context = new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, "", "", "",
                                                                     Poco::Net::Context::VERIFY_RELAXED, 9, true);
      session = std::make_unique<Poco::Net::HTTPSClientSession>(uri.getHost(), uri.getPort(), context);
    } else {
      session = std::make_unique<Poco::Net::HTTPClientSession>(uri.getHost(), uri.getPort());
    }
    session->setTimeout(Poco::Timespan(config_.timeout));
    session->setKeepAlive(false);

    std::string target = uri.getPathAndQuery();
    if (target.empty() || target.front() != '/') target.insert(0, "/");
    Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_POST, target, Poco::Net::HTTPMessage::HTTP_1_1);
    request.setContentType("application/json");
    request.setContentLength(static_cast<std::streamsize>(body.size()));
    request.set("Accept", "application/json");
    request.set("User-Agent", "klantstem");
    if (!config_.auth_header.empty()) request.set("Authorization", config_.auth_header);
    request.setKeepAlive(false);

    std::ostream& out = session->sendRequest(request);
    out << body;
    out.flush();
    if (!out) return Error::Unavailable("cannot send the message to the SMS provider " + Endpoint(uri));

    Poco::Net::HTTPResponse response;
    std::istream& in = session->receiveResponse(response);
    const int status = static_cast<int>(response.getStatus());
    if (status >= 200 && status < 300) return Ok();
    return ProviderError(status, AnswerSnippet(in), uri);
  } catch (const Poco::TimeoutException&) {
    return Error::Unavailable("the SMS provider " + Endpoint(uri) + " did not answer within " +
                              std::to_string(config_.timeout / 1000) + " ms");
  } catch (const Poco::Exception& e) {
    return Error::Unavailable("cannot reach the SMS provider " + Endpoint(uri) + ": " + e.displayText());
  } catch (const std::exception& e) {
    return Error::Unavailable("cannot reach the SMS provider " + Endpoint(uri) + ": " + e.what());
  }
}

}  // namespace ks::notify
