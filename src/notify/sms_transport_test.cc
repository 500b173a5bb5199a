// The SMS transport: config validation, body rendering, and real HTTP requests to a tiny provider on
// 127.0.0.1 (a thread with a plain POSIX socket; every wait is bounded so no test can hang).
#include "notify/sms_transport.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace ks::notify {
namespace {

constexpr int kWaitMillis = 10'000;  // the longest the test server waits for anything

// --- ValidateSmsConfig ---------------------------------------------------------------------------

struct ValidateCase {
  std::string name;
  std::string url;
  std::optional<std::string> body_template;  // nullopt: the default
  std::string auth_header;
  Micros timeout = 10 * kMicrosPerSecond;
  std::string error_field;  // empty: valid
};

TEST(SmsConfigTest, Validate) {
  const std::string kUrl = "https://api.example.com/v1/sms";
  const std::vector<ValidateCase> cases = {
      {"https default template", kUrl, std::nullopt, "", 10 * kMicrosPerSecond, ""},
      {"http with port and query", "http://127.0.0.1:8080/send?key=abc", std::nullopt, "Bearer abc", kMicrosPerSecond,
       ""},
      {"upper-case scheme", "HTTPS://api.example.com", std::nullopt, "", kMicrosPerSecond, ""},
      {"ipv6 host", "http://[::1]:9000/sms", std::nullopt, "", kMicrosPerSecond, ""},
      {"nested template", kUrl,
       R"({"messages":[{"recipient":"{{to}}","body":"{{text}}","sender":"Klantstem"}],"reference":"{{to}}"})", "",
       kMicrosPerSecond, ""},
      {"empty url", "", std::nullopt, "", kMicrosPerSecond, "sms_url"},
      {"ftp scheme", "ftp://api.example.com/sms", std::nullopt, "", kMicrosPerSecond, "sms_url"},
      {"no scheme", "api.example.com/sms", std::nullopt, "", kMicrosPerSecond, "sms_url"},
      {"no host", "https:///sms", std::nullopt, "", kMicrosPerSecond, "sms_url"},
      {"scheme only", "http://", std::nullopt, "", kMicrosPerSecond, "sms_url"},
      {"bad port", "http://api.example.com:99999/sms", std::nullopt, "", kMicrosPerSecond, "sms_url"},
      {"credentials in url", "https://user:secret@api.example.com/sms", std::nullopt, "", kMicrosPerSecond, "sms_url"},
      {"template without text", kUrl, R"({"to":"{{to}}"})", "", kMicrosPerSecond, "sms_body_template"},
      {"template without to", kUrl, R"({"text":"{{text}}"})", "", kMicrosPerSecond, "sms_body_template"},
      {"empty template", kUrl, "", "", kMicrosPerSecond, "sms_body_template"},
      {"template not json", kUrl, R"({"to":"{{to}}","text":"{{text}}")", "", kMicrosPerSecond, "sms_body_template"},
      {"placeholders without quotes", kUrl, R"({"to":{{to}},"text":{{text}}})", "", kMicrosPerSecond,
       "sms_body_template"},
      {"template as form body", kUrl, "to={{to}}&text={{text}}", "", kMicrosPerSecond, "sms_body_template"},
      {"auth header with newline", kUrl, std::nullopt, "Bearer abc\r\nX-Evil: 1", kMicrosPerSecond, "sms_auth_header"},
      {"zero timeout", kUrl, std::nullopt, "", 0, "sms_timeout"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    SmsConfig config;
    config.url = c.url;
    if (c.body_template) config.body_template = *c.body_template;
    config.auth_header = c.auth_header;
    config.timeout = c.timeout;
    const auto result = ValidateSmsConfig(config);
    if (c.error_field.empty()) {
      ASSERT_TRUE(result.ok()) << result.error().ToString();
      EXPECT_EQ(result->url, c.url);
      EXPECT_EQ(result->body_template, config.body_template);
    } else {
      ASSERT_FALSE(result.ok());
      EXPECT_EQ(result.error().code, ErrorCode::kInvalidArgument);
      EXPECT_EQ(result.error().field, c.error_field) << result.error().ToString();
      EXPECT_FALSE(result.error().message.empty());
    }
  }
}

// --- RenderSmsBody -------------------------------------------------------------------------------

struct RenderCase {
  std::string name;
  std::string text;
  std::string expected_text;  // what the rendered JSON's "text" holds
};

TEST(SmsBodyTest, RenderEscapesIntoValidJson) {
  const std::vector<RenderCase> cases = {
      {"plain", "Hoe was uw bezoek?", "Hoe was uw bezoek?"},
      {"quotes", R"(Zeg "ja" of "nee")", R"(Zeg "ja" of "nee")"},
      {"backslash", R"(C:\pad\naar)", R"(C:\pad\naar)"},
      {"newlines and tab", "regel 1\nregel 2\r\n\tregel 3", "regel 1\nregel 2\r\n\tregel 3"},
      {"control character", std::string("a\x01z"), std::string("a\x01z")},
      {"non-ascii", "Hoe was uw bezoek? \xF0\x9F\x91\x8D", "Hoe was uw bezoek? \xF0\x9F\x91\x8D"},
      {"accents", "Crème brûlée", "Crème brûlée"},
      {"invalid utf-8 replaced", "a\xFFz", "a\xEF\xBF\xBDz"},
      {"placeholders in the text stay", "{{to}} {{text}}", "{{to}} {{text}}"},
      {"empty", "", ""},
  };
  const std::string kDefaultTemplate = SmsConfig{}.body_template;
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    const std::string body = RenderSmsBody(kDefaultTemplate, Sms{"test", "+31612345678", c.text});
    EXPECT_TRUE(std::all_of(body.begin(), body.end(), [](unsigned char ch) { return ch >= 0x20 && ch < 0x80; }))
        << "not printable ASCII: " << body;
    const auto json = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
    ASSERT_FALSE(json.is_discarded()) << body;
    EXPECT_EQ(json.at("to"), "+31612345678");
    EXPECT_EQ(json.at("text"), c.expected_text);
  }
}

TEST(SmsBodyTest, RenderExactOutput) {
  EXPECT_EQ(RenderSmsBody(SmsConfig{}.body_template, Sms{"k", "+31612345678", "Hoe was uw bezoek? \xF0\x9F\x91\x8D"}),
            R"({"to":"+31612345678","text":"Hoe was uw bezoek? \ud83d\udc4d"})");
  EXPECT_EQ(RenderSmsBody(R"({"a":"{{text}}","b":"{{text}}","c":"{{to}}-{{to}}","d":"{{other}}"})",
                          Sms{"k", "+1", "say \"hi\"\n"}),
            R"({"a":"say \"hi\"\n","b":"say \"hi\"\n","c":"+1-+1","d":"{{other}}"})");
  EXPECT_EQ(RenderSmsBody("{{to", Sms{"k", "+1", "x"}), "{{to");
}

// --- HttpSmsTransport against a loopback provider ------------------------------------------------

struct ReceivedRequest {
  std::string request_line;                    // "POST /path HTTP/1.1"
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  std::string error;  // what went wrong in the server, empty when the request was read
};

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char ch) { return std::tolower(ch); });
  return s;
}

// A one-request-at-a-time HTTP server on 127.0.0.1:<ephemeral port>. ServeOnce() accepts one
// connection in a thread, reads one request (headers and the Content-Length body) and answers with the
// given status, or not at all. Every wait is bounded by kWaitMillis.
class LoopbackProvider {
 public:
  LoopbackProvider() {
    fd_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    socklen_t len = sizeof(addr);
    if (fd_ < 0 || bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0 || listen(fd_, 4) != 0 ||
        getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
      ADD_FAILURE() << "cannot listen on 127.0.0.1";
      return;
    }
    port_ = ntohs(addr.sin_port);
  }
  ~LoopbackProvider() {
    if (thread_.joinable()) thread_.join();
    if (fd_ >= 0) close(fd_);
  }
  LoopbackProvider(const LoopbackProvider&) = delete;
  LoopbackProvider& operator=(const LoopbackProvider&) = delete;

  int port() const { return port_; }
  std::string Url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(port_) + path; }

  // Answers the next request with `status` and `body`; `answer` false reads the request and then waits
  // (bounded) for the client to give up without answering.
  void ServeOnce(int status, std::string body = "", bool answer = true) {
    if (thread_.joinable()) thread_.join();
    received_ = {};
    thread_ = std::thread([this, status, body = std::move(body), answer] { Serve(status, body, answer); });
  }

  // Waits for the connection served by ServeOnce; the request as received.
  ReceivedRequest Wait() {
    if (thread_.joinable()) thread_.join();
    return received_;
  }

 private:
  void Serve(int status, const std::string& body, bool answer) {
    pollfd listening{fd_, POLLIN, 0};
    if (poll(&listening, 1, kWaitMillis) != 1) {
      received_.error = "no connection within the time limit";
      return;
    }
    const int conn = accept4(fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (conn < 0) {
      received_.error = "accept failed";
      return;
    }
    ReadRequest(conn);
    if (answer) {
      const std::string response =
          "HTTP/1.1 " + std::to_string(status) +
          " Test\r\nContent-Type: text/plain\r\nContent-Length: " + std::to_string(body.size()) +
          "\r\nConnection: close\r\n\r\n" + body;
      size_t sent = 0;
      while (sent < response.size()) {
        const ssize_t n = send(conn, response.data() + sent, response.size() - sent, MSG_NOSIGNAL);
        if (n <= 0) break;
        sent += static_cast<size_t>(n);
      }
      shutdown(conn, SHUT_WR);
    }
    // Until the client closes (it reads the answer first, or gives up waiting for one).
    char sink[256];
    pollfd client{conn, POLLIN, 0};
    while (poll(&client, 1, kWaitMillis) == 1 && recv(conn, sink, sizeof(sink), 0) > 0) {
    }
    close(conn);
  }

  // Reads the request line, headers and Content-Length body from `conn` into received_.
  void ReadRequest(int conn) {
    std::string data;
    size_t header_end = std::string::npos;
    size_t content_length = 0;
    char buffer[4096];
    while (true) {
      if (header_end == std::string::npos) {
        header_end = data.find("\r\n\r\n");
        if (header_end != std::string::npos) {
          ParseHead(data.substr(0, header_end));
          if (const auto it = received_.headers.find("content-length"); it != received_.headers.end()) {
            content_length = std::stoul(it->second);
          }
        }
      }
      if (header_end != std::string::npos && data.size() >= header_end + 4 + content_length) break;
      pollfd client{conn, POLLIN, 0};
      if (poll(&client, 1, kWaitMillis) != 1) {
        received_.error = "the request did not arrive within the time limit";
        return;
      }
      const ssize_t n = recv(conn, buffer, sizeof(buffer), 0);
      if (n <= 0) {
        received_.error = "the connection closed before the request was complete";
        return;
      }
      data.append(buffer, static_cast<size_t>(n));
    }
    received_.body = data.substr(header_end + 4, content_length);
  }

  void ParseHead(const std::string& head) {
    size_t start = 0;
    bool first = true;
    while (start <= head.size()) {
      size_t end = head.find("\r\n", start);
      if (end == std::string::npos) end = head.size();
      const std::string line = head.substr(start, end - start);
      if (first) {
        received_.request_line = line;
        first = false;
      } else if (const auto colon = line.find(':'); colon != std::string::npos) {
        const auto value_start = line.find_first_not_of(' ', colon + 1);
        received_.headers[Lower(line.substr(0, colon))] =
            value_start == std::string::npos ? "" : line.substr(value_start);
      }
      start = end + 2;
    }
  }

  int fd_ = -1;
  int port_ = 0;
  std::thread thread_;
  ReceivedRequest received_;
};

SmsConfig LoopbackConfig(const LoopbackProvider& provider, const std::string& path) {
  SmsConfig config;
  config.url = provider.Url(path);
  config.timeout = 5 * kMicrosPerSecond;
  return config;
}

TEST(SmsHttpTest, PostsJsonWithHeaders) {
  LoopbackProvider provider;
  SmsConfig config = LoopbackConfig(provider, "/v1/messages?account=7");
  config.auth_header = "Bearer secret-token";
  config.body_template = R"({"recipient":"{{to}}","body":"{{text}}","sender":"Klantstem"})";
  ASSERT_TRUE(ValidateSmsConfig(config).ok());
  HttpSmsTransport transport(config);

  provider.ServeOnce(200, R"({"id":"msg-1"})");
  const auto result =
      transport.Send(Sms{"invitations.sms", "+31612345678", "Hoe was uw \"bezoek\"?\n\xF0\x9F\x91\x8D"});
  const ReceivedRequest request = provider.Wait();
  ASSERT_TRUE(request.error.empty()) << request.error;
  EXPECT_TRUE(result.ok()) << result.error().ToString();
  EXPECT_EQ(request.request_line, "POST /v1/messages?account=7 HTTP/1.1");
  EXPECT_EQ(request.headers.at("content-type"), "application/json");
  EXPECT_EQ(request.headers.at("authorization"), "Bearer secret-token");
  EXPECT_EQ(request.headers.at("host"), "127.0.0.1:" + std::to_string(provider.port()));
  EXPECT_EQ(request.headers.at("content-length"), std::to_string(request.body.size()));
  const auto json = nlohmann::json::parse(request.body, nullptr, /*allow_exceptions=*/false);
  ASSERT_FALSE(json.is_discarded()) << request.body;
  EXPECT_EQ(json, nlohmann::json({{"recipient", "+31612345678"},
                                  {"body", "Hoe was uw \"bezoek\"?\n\xF0\x9F\x91\x8D"},
                                  {"sender", "Klantstem"}}));
}

TEST(SmsHttpTest, NoAuthorizationHeaderWhenEmptyAndRootPath) {
  LoopbackProvider provider;
  HttpSmsTransport transport(LoopbackConfig(provider, ""));
  provider.ServeOnce(204);
  const auto result = transport.Send(Sms{"invitations.sms", "+31612345678", "Hallo"});
  const ReceivedRequest request = provider.Wait();
  ASSERT_TRUE(request.error.empty()) << request.error;
  EXPECT_TRUE(result.ok()) << result.error().ToString();
  EXPECT_EQ(request.request_line, "POST / HTTP/1.1");
  EXPECT_EQ(request.headers.count("authorization"), 0U);
  EXPECT_EQ(request.body, R"({"to":"+31612345678","text":"Hallo"})");
}

struct StatusCase {
  int status;
  std::optional<ErrorCode> code;  // nullopt: ok
};

TEST(SmsHttpTest, MapsProviderStatuses) {
  const std::vector<StatusCase> cases = {
      {200, std::nullopt},
      {201, std::nullopt},
      {202, std::nullopt},
      {400, ErrorCode::kInvalidArgument},
      {401, ErrorCode::kInvalidArgument},
      {404, ErrorCode::kInvalidArgument},
      {422, ErrorCode::kInvalidArgument},
      {408, ErrorCode::kUnavailable},
      {429, ErrorCode::kUnavailable},
      {500, ErrorCode::kUnavailable},
      {502, ErrorCode::kUnavailable},
      {503, ErrorCode::kUnavailable},
      {301, ErrorCode::kUnavailable},
  };
  LoopbackProvider provider;
  HttpSmsTransport transport(LoopbackConfig(provider, "/sms"));
  for (const auto& c : cases) {
    SCOPED_TRACE(c.status);
    provider.ServeOnce(c.status, R"({"error":"status )" + std::to_string(c.status) + R"("})");
    const auto result = transport.Send(Sms{"invitations.sms", "+31612345678", "Hallo"});
    const ReceivedRequest request = provider.Wait();
    ASSERT_TRUE(request.error.empty()) << request.error;
    if (!c.code) {
      EXPECT_TRUE(result.ok()) << result.error().ToString();
      continue;
    }
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().code, *c.code) << result.error().ToString();
    EXPECT_NE(result.error().message.find(std::to_string(c.status)), std::string::npos) << result.error().message;
  }
}

TEST(SmsHttpTest, RefusalQuotesTheStartOfTheAnswer) {
  LoopbackProvider provider;
  HttpSmsTransport transport(LoopbackConfig(provider, "/sms"));

  provider.ServeOnce(400, R"({"error":"invalid number"})");
  auto result = transport.Send(Sms{"invitations.sms", "+3161234", "Hallo"});
  ASSERT_TRUE(provider.Wait().error.empty());
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(result.error().message, R"(SMS provider refused the message: 400 {"error":"invalid number"})");

  // A long answer is cut at 200 bytes and put on one line.
  provider.ServeOnce(422, "line one\nline two " + std::string(500, 'x'));
  result = transport.Send(Sms{"invitations.sms", "+3161234", "Hallo"});
  ASSERT_TRUE(provider.Wait().error.empty());
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().message,
            "SMS provider refused the message: 422 line one line two " + std::string(200 - 18, 'x'));
}

TEST(SmsHttpTest, ClosedPortIsUnavailable) {
  // A socket bound but not listening: the port is ours and connections to it are refused.
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  ASSERT_GE(fd, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof(addr);
  ASSERT_EQ(bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)), 0);
  ASSERT_EQ(getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len), 0);
  const std::string port = std::to_string(ntohs(addr.sin_port));

  for (const std::string scheme : {"http", "https"}) {
    SCOPED_TRACE(scheme);
    SmsConfig config;
    config.url = std::string(scheme).append("://127.0.0.1:").append(port).append("/sms?key=secret");
    config.timeout = 5 * kMicrosPerSecond;
    HttpSmsTransport transport(config);
    const auto start = std::chrono::steady_clock::now();
    const auto result = transport.Send(Sms{"invitations.sms", "+31612345678", "Hallo"});
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(4));
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().code, ErrorCode::kUnavailable) << result.error().ToString();
    EXPECT_NE(result.error().message.find("127.0.0.1:" + port), std::string::npos) << result.error().message;
    // The URL's query may hold an API key: it stays out of messages that end up in logs.
    EXPECT_EQ(result.error().message.find("secret"), std::string::npos) << result.error().message;
  }
  close(fd);
}

TEST(SmsHttpTest, SilentProviderTimesOut) {
  LoopbackProvider provider;
  SmsConfig config = LoopbackConfig(provider, "/sms");
  config.timeout = kMicrosPerSecond * 3 / 10;  // 300 ms
  HttpSmsTransport transport(config);
  provider.ServeOnce(200, "", /*answer=*/false);
  const auto start = std::chrono::steady_clock::now();
  const auto result = transport.Send(Sms{"invitations.sms", "+31612345678", "Hallo"});
  const auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_TRUE(provider.Wait().error.empty());
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kUnavailable) << result.error().ToString();
  EXPECT_LT(elapsed, std::chrono::seconds(3));
}

TEST(SmsHttpTest, InvalidUrlFailsWithoutConnecting) {
  SmsConfig config;
  config.url = "ftp://127.0.0.1/sms";
  HttpSmsTransport transport(config);
  const auto result = transport.Send(Sms{"invitations.sms", "+31612345678", "Hallo"});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(result.error().field, "sms_url");
}

}  // namespace
}  // namespace ks::notify
