#include "notify/smtp_transport.h"

#include <Poco/Net/Context.h>
#include <Poco/Net/MailMessage.h>
#include <Poco/Net/MailRecipient.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SecureSMTPClientSession.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/Net/StringPartSource.h>
#include <Poco/Timespan.h>

#include <algorithm>
#include <memory>

#include "base/random.h"
#include "base/strings.h"

namespace ks::notify {
namespace {

// SMTP lines end in CRLF (RFC 5321 §2.3.8) and may be at most 1,000 bytes; the quoted-printable encoder
// wraps long lines but keeps bare LFs, which servers then read as one endless line.
std::string CrLf(const std::string& text) {
  std::string out;
  out.reserve(text.size() + text.size() / 32);
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' && (i == 0 || text[i - 1] != '\r')) out += '\r';
    out += text[i];
  }
  return out;
}

bool IsAscii(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](unsigned char ch) { return ch < 0x80; });
}

// A display name for a header: quoted when plain ASCII, else RFC 2047-encoded.
std::string DisplayName(const std::string& name) {
  if (name.empty()) return name;
  if (!IsAscii(name)) return Poco::Net::MailMessage::encodeWord(name, "UTF-8");
  std::string quoted = "\"";
  for (char ch : name) {
    if (ch == '"' || ch == '\\') quoted += '\\';
    quoted += ch;
  }
  return quoted + "\"";
}

// "Name <address>".
std::string Mailbox(const std::string& name, const std::string& address) {
  return name.empty() ? address : DisplayName(name) + " <" + address + ">";
}

// SMTP reply codes 4xx are temporary (retry later), 5xx permanent.
Error SmtpError(const Poco::Net::SMTPException& e) {
  const std::string message = "the mail server refused the mail: " + e.message();
  const auto code = e.message().find_first_of("0123456789");
  if (code != std::string::npos && e.message()[code] == '5') return Error::Invalid("mail", message);
  return Error::Unavailable(message);
}

}  // namespace

Result<SmtpConfig> ParseSmtpUrl(std::string_view url) {
  const auto bad = [&url](const std::string& why) {
    return Error::Invalid("smtp", "'" + std::string(url) + "' is not an SMTP URL: " + why +
                                      " (use smtp://user:password@host:port?starttls=1&from=address)");
  };
  constexpr std::string_view kScheme = "smtp://";
  if (url.substr(0, kScheme.size()) != kScheme) return bad("it must start with smtp://");
  std::string_view rest = url.substr(kScheme.size());
  std::string_view query;
  if (const auto q = rest.find('?'); q != std::string_view::npos) {
    query = rest.substr(q + 1);
    rest = rest.substr(0, q);
  }
  while (!rest.empty() && rest.back() == '/') rest.remove_suffix(1);
  SmtpConfig config;
  if (const auto at = rest.rfind('@'); at != std::string_view::npos) {
    const std::string_view credentials = rest.substr(0, at);
    rest = rest.substr(at + 1);
    const auto colon = credentials.find(':');
    config.username = PercentDecode(credentials.substr(0, colon));
    if (colon != std::string_view::npos) config.password = PercentDecode(credentials.substr(colon + 1));
    if (config.username.empty()) return bad("the user name is empty");
  }
  bool port_given = false;
  if (const auto colon = rest.rfind(':'); colon != std::string_view::npos) {
    const std::string port(rest.substr(colon + 1));
    rest = rest.substr(0, colon);
    try {
      size_t used = 0;
      config.port = std::stoi(port, &used);
      if (used != port.size() || config.port < 1 || config.port > 65535) return bad("'" + port + "' is not a port");
    } catch (const std::exception&) {
      return bad("'" + port + "' is not a port");
    }
    port_given = true;
  }
  if (rest.empty()) return bad("the host is missing");
  config.host = std::string(rest);
  for (const auto& pair : Split(query, '&')) {
    if (pair.empty()) continue;
    const auto eq = pair.find('=');
    const std::string name = pair.substr(0, eq);
    const std::string value = eq == std::string::npos ? "" : PercentDecode(pair.substr(eq + 1), true);
    if (name == "starttls") {
      if (value != "0" && value != "1") return bad("starttls must be 0 or 1");
      config.starttls = value == "1";
    } else if (name == "from") {
      if (value.find('@') == std::string::npos) return bad("from must be an e-mail address");
      config.from_address = value;
    } else if (name == "from_name") {
      config.from_name = value;
    } else if (name == "timeout") {
      try {
        config.timeout = std::stoll(value) * kMicrosPerSecond;
      } catch (const std::exception&) {
        return bad("timeout must be a number of seconds");
      }
    } else {
      return bad("unknown parameter '" + name + "' (known: starttls, from, from_name, timeout)");
    }
  }
  if (!port_given && config.starttls) config.port = 587;
  return config;
}

Result<void> SmtpTransport::Send(const Mail& mail) {
  try {
    const Poco::Timespan timeout(config_.timeout);
    Poco::Net::StreamSocket socket;
    socket.connect(Poco::Net::SocketAddress(config_.host, static_cast<Poco::UInt16>(config_.port)), timeout);
    Poco::Net::SecureSMTPClientSession session(socket);
    session.setTimeout(timeout);
    session.login();
    if (config_.starttls) {
      Poco::Net::Context::Ptr context = new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, "", "", "",
                                                               Poco::Net::Context::VERIFY_RELAXED, 9, true);
      if (!session.startTLS(context)) return Error::Unavailable("the mail server does not offer STARTTLS");
    }
    if (!config_.username.empty()) {
      session.login(Poco::Net::SMTPClientSession::AUTH_PLAIN, config_.username, config_.password);
    }
    Poco::Net::MailMessage message;
    message.setSender(Mailbox(config_.from_name, config_.from_address));
    // The envelope recipient is added as Bcc so that Poco writes no To header of its own: it would put
    // an RFC 2047 encoded name in quotes, where mail programs no longer decode it. Ours is correct.
    message.addRecipient(Poco::Net::MailRecipient(Poco::Net::MailRecipient::BCC_RECIPIENT, mail.to_address));
    message.set("To", Mailbox(mail.to_name, mail.to_address));
    message.setSubject(IsAscii(mail.subject) ? mail.subject
                                             : Poco::Net::MailMessage::encodeWord(mail.subject, "UTF-8"));
    message.set("Message-ID",
                "<" + RandomHex(16) + "@" + config_.from_address.substr(config_.from_address.find('@') + 1) + ">");
    message.set("X-Klantstem-Kind", mail.kind);
    for (const auto& [name, value] : mail.headers) message.set(name, value);
    if (mail.html_body.empty()) {
      message.setContentType("text/plain; charset=UTF-8");
      message.setContent(CrLf(mail.text_body), Poco::Net::MailMessage::ENCODING_QUOTED_PRINTABLE);
    } else {
      message.setContentType("multipart/alternative");
      message.addPart("", new Poco::Net::StringPartSource(CrLf(mail.text_body), "text/plain; charset=UTF-8"),
                      Poco::Net::MailMessage::CONTENT_INLINE, Poco::Net::MailMessage::ENCODING_QUOTED_PRINTABLE);
      message.addPart("", new Poco::Net::StringPartSource(CrLf(mail.html_body), "text/html; charset=UTF-8"),
                      Poco::Net::MailMessage::CONTENT_INLINE, Poco::Net::MailMessage::ENCODING_QUOTED_PRINTABLE);
    }
    session.sendMessage(message);
    session.close();
    return Ok();
  } catch (const Poco::Net::SMTPException& e) {
    return SmtpError(e);
  } catch (const Poco::Exception& e) {
    return Error::Unavailable("cannot deliver to the mail server " + config_.host + ":" + std::to_string(config_.port) +
                              ": " + e.displayText());
  } catch (const std::exception& e) {
    return Error::Unavailable("cannot deliver to the mail server: " + std::string(e.what()));
  }
}

}  // namespace ks::notify
