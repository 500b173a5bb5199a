// Outgoing webhooks on both engines (SQLite and the real PostgreSQL of the `postgres` fixture): the
// fan-out to subscribed active endpoints inside the caller's transaction; claims as leases and the
// retry/failed transitions on a manual clock; and real deliveries to a receiver on 127.0.0.1 (a Poco
// HTTP server) that checks the signature with an HMAC of its own (Poco's, not libsodium's), answers 500
// when told to, and is also left unreachable. Nothing sleeps except the network I/O to that receiver.
#include <Poco/DigestEngine.h>
#include <Poco/HMACEngine.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/SHA2Engine.h>
#include <Poco/StreamCopier.h>
#include <Poco/ThreadPool.h>
#include <gtest/gtest.h>

#include <chrono>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "base/time.h"
#include "db/connection_pool.h"
#include "db/test_database.h"
#include "notify/webhook_sender.h"
#include "notify/webhooks.h"

namespace ks::notify {
namespace {

constexpr Micros kSecond = kMicrosPerSecond;
constexpr Micros kMinute = 60 * kSecond;
constexpr Micros kStart = 1'800'000'000LL * kMicrosPerSecond;
constexpr const char* kSecret = "whsec_test_secret_0123456789";

// --- an independent HMAC-SHA256 (Poco), to check the sender's signature --------------------------------

class Sha256Engine : public Poco::SHA2Engine {
 public:
  enum { BLOCK_SIZE = 64, DIGEST_SIZE = 32 };
  Sha256Engine() : Poco::SHA2Engine(SHA_256) {}
};

std::string PocoHmacHex(const std::string& key, const std::string& message) {
  Poco::HMACEngine<Sha256Engine> hmac(key);
  hmac.update(message);
  return Poco::DigestEngine::digestToHex(hmac.digest());
}

// --- the receiver -------------------------------------------------------------------------------------

struct Received {
  std::string method, path, content_type, event, delivery, timestamp, signature, body;
  bool signature_ok = false;
};

// Shared by the server's handler threads and the test; outlives both (shared_ptr).
struct ReceiverState {
  std::mutex mutex;
  std::string secret;
  std::deque<int> statuses;  // answers to give, in order; 200 when empty
  std::chrono::milliseconds delay{0};
  std::vector<Received> received;
};

class RecordingHandler : public Poco::Net::HTTPRequestHandler {
 public:
  explicit RecordingHandler(std::shared_ptr<ReceiverState> state) : state_(std::move(state)) {}

  void handleRequest(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override {
    Received r;
    r.method = request.getMethod();
    r.path = request.getURI();
    r.content_type = request.getContentType();
    r.event = request.get("X-Klantstem-Event", "");
    r.delivery = request.get("X-Klantstem-Delivery", "");
    r.timestamp = request.get("X-Klantstem-Timestamp", "");
    r.signature = request.get("X-Klantstem-Signature", "");
    Poco::StreamCopier::copyToString(request.stream(), r.body);
    int status = 200;
    std::chrono::milliseconds delay{0};
    {
      std::lock_guard lock(state_->mutex);
      r.signature_ok = r.signature == "sha256=" + PocoHmacHex(state_->secret, r.timestamp + "." + r.body);
      if (!state_->statuses.empty()) {
        status = state_->statuses.front();
        state_->statuses.pop_front();
      }
      delay = state_->delay;
      state_->received.push_back(r);
    }
    if (delay.count() > 0) std::this_thread::sleep_for(delay);
    response.setStatus(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(status));
    response.setContentType("text/plain");
    response.send() << (status == 200 ? "ok" : "temporarily broken\nplease retry");
  }

 private:
  std::shared_ptr<ReceiverState> state_;
};

class RecordingFactory : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  explicit RecordingFactory(std::shared_ptr<ReceiverState> state) : state_(std::move(state)) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest& /*request*/) override {
    return new RecordingHandler(state_);  // NOLINT: Poco takes ownership
  }

 private:
  std::shared_ptr<ReceiverState> state_;
};

class Receiver {
 public:
  explicit Receiver(const std::string& secret) : state_(std::make_shared<ReceiverState>()) {
    state_->secret = secret;
    Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0));
    port_ = socket.address().port();
    auto params = new Poco::Net::HTTPServerParams;  // NOLINT: Poco's AutoPtr takes ownership
    params->setKeepAlive(false);
    params->setMaxThreads(4);
    server_ = std::make_unique<Poco::Net::HTTPServer>(new RecordingFactory(state_), socket, params);
    server_->start();
  }
  // Poco does not wait for its connection threads when the server goes; a handler still sleeping (the slow
  // receiver) would use the server's freed parameters after it. So wait for the pool to go idle first.
  ~Receiver() {
    server_->stopAll(true);
    Poco::ThreadPool::defaultPool().joinAll();
  }

  std::string Url(const std::string& path = "/hooks/klantstem?team=care") const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }
  void AnswerWith(std::vector<int> statuses) {
    std::lock_guard lock(state_->mutex);
    state_->statuses.assign(statuses.begin(), statuses.end());
  }
  void Delay(std::chrono::milliseconds delay) {
    std::lock_guard lock(state_->mutex);
    state_->delay = delay;
  }
  std::vector<Received> received() const {
    std::lock_guard lock(state_->mutex);
    return state_->received;
  }

 private:
  std::shared_ptr<ReceiverState> state_;
  std::uint16_t port_ = 0;
  std::unique_ptr<Poco::Net::HTTPServer> server_;
};

// A port on 127.0.0.1 that nobody listens on (bound, then closed).
std::uint16_t UnusedPort() {
  Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0));
  const std::uint16_t port = socket.address().port();
  socket.close();
  return port;
}

// --- engine tests -------------------------------------------------------------------------------------

class WebhookEnginesTest : public ::testing::TestWithParam<db::Engine> {
 protected:
  void SetUp() override {
    auto migrated = db::TestDatabase::CreateMigrated(GetParam());
    ASSERT_TRUE(migrated.ok()) << migrated.error().ToString();
    test_database_ = std::move(migrated->database);
    c_ = std::move(migrated->connection);
    auto other = test_database_->database().Connect();
    ASSERT_TRUE(other.ok()) << other.error().ToString();
    other_ = std::move(*other);
    pool_ = std::make_unique<db::ConnectionPool>(test_database_->database(), 2);
  }

  WebhookEndpoint AddEndpoint(const std::string& url, const std::string& events, const std::string& secret = kSecret) {
    NewWebhookEndpoint e;
    e.url = url;
    e.events = events;
    e.description = "test " + events;
    e.secret = secret;
    auto created = CreateWebhookEndpoint(*c_, e, kStart);
    EXPECT_TRUE(created.ok()) << created.error().ToString();
    return created.ok() ? *created : WebhookEndpoint{};
  }

  // Runs the event's statements in a transaction, as the case code does.
  void Record(std::string_view event, const nlohmann::json& data, Micros at,
              const std::vector<WebhookSqlField>& sql_fields = {}) {
    ASSERT_TRUE(c_->BeginWrite().ok());
    for (const auto& s : WebhookEventStatements(event, data, at, sql_fields)) {
      auto done = c_->Query(s.sql, s.params);
      ASSERT_TRUE(done.ok()) << done.error().ToString();
    }
    ASSERT_TRUE(c_->Commit().ok());
  }

  std::vector<WebhookDelivery> Deliveries(std::optional<std::int64_t> endpoint = std::nullopt) {
    auto list = ListWebhookDeliveries(*c_, 100, endpoint);
    EXPECT_TRUE(list.ok()) << list.error().ToString();
    return list.ok() ? *list : std::vector<WebhookDelivery>{};
  }

  WebhookDelivery Only() {
    auto all = Deliveries();
    EXPECT_EQ(all.size(), 1u);
    return all.empty() ? WebhookDelivery{} : all.front();
  }

  WebhookSender::Options SenderOptions() const {
    WebhookSender::Options o;
    o.timeout = 5 * kSecond;
    return o;
  }

  std::unique_ptr<db::TestDatabase> test_database_;
  std::unique_ptr<db::Connection> c_, other_;
  std::unique_ptr<db::ConnectionPool> pool_;
};

TEST_P(WebhookEnginesTest, FansOutToSubscribedActiveEndpointsOnly) {
  const auto all = AddEndpoint("https://all.example.com/hook", "*");
  const auto closed = AddEndpoint("https://closed.example.com/hook", "case.closed");
  const auto opened = AddEndpoint("https://opened.example.com/hook", " case.escalated , case.opened,case.opened");
  const auto disabled = AddEndpoint("https://disabled.example.com/hook", "*");
  EXPECT_EQ(opened.events, "case.opened,case.escalated");
  ASSERT_TRUE(SetWebhookEndpointActive(*c_, disabled.id, false).ok());

  Record("case.opened", {{"case_id", 7}, {"customer", "Zoë \"Z\" de Vries"}, {"priority", "high"}}, kStart + kSecond);
  auto deliveries = Deliveries();
  ASSERT_EQ(deliveries.size(), 2u);
  std::set<std::int64_t> endpoints;
  for (const auto& d : deliveries) endpoints.insert(d.endpoint_id);
  EXPECT_EQ(endpoints, (std::set<std::int64_t>{all.id, opened.id}));
  // One event: the same envelope, byte for byte, to every endpoint.
  EXPECT_EQ(deliveries[0].payload, deliveries[1].payload);
  EXPECT_EQ(deliveries[0].event_id, deliveries[1].event_id);
  const auto envelope = nlohmann::json::parse(deliveries[0].payload);
  EXPECT_EQ(envelope.at("id"), deliveries[0].event_id);
  EXPECT_TRUE(deliveries[0].event_id.starts_with("evt_")) << deliveries[0].event_id;
  EXPECT_EQ(envelope.at("event"), "case.opened");
  EXPECT_EQ(envelope.at("created_at"), FormatRfc3339(kStart + kSecond));
  EXPECT_EQ(envelope.at("data"),
            (nlohmann::json{{"case_id", 7}, {"customer", "Zoë \"Z\" de Vries"}, {"priority", "high"}}));
  EXPECT_TRUE(deliveries[0].payload.starts_with("{\"id\":\"evt_")) << deliveries[0].payload;
  for (const auto& d : deliveries) {
    EXPECT_EQ(d.event, "case.opened");
    EXPECT_EQ(d.created_at, kStart + kSecond);
    EXPECT_EQ(d.next_attempt_at, kStart + kSecond);
    EXPECT_EQ(d.attempts, 0);
    EXPECT_FALSE(d.delivered_at || d.failed_at || d.last_status);
  }

  Record("case.closed", nlohmann::json::object(), kStart + 2 * kSecond);
  EXPECT_EQ(Deliveries(all.id).size(), 2u);
  EXPECT_EQ(Deliveries(closed.id).size(), 1u);
  EXPECT_EQ(Deliveries(opened.id).size(), 1u);
  EXPECT_TRUE(Deliveries(disabled.id).empty());
  Record("case.escalated", nullptr, kStart + 3 * kSecond);
  EXPECT_EQ(Deliveries(opened.id).size(), 2u);
  EXPECT_EQ(Deliveries(all.id).size(), 3u);
  EXPECT_EQ(Deliveries().size(), 6u);

  // A rolled-back change leaves no delivery behind.
  ASSERT_TRUE(c_->BeginWrite().ok());
  for (const auto& s : WebhookEventStatements("case.closed", {{"case_id", 8}}, kStart)) {
    ASSERT_TRUE(c_->Query(s.sql, s.params).ok());
  }
  ASSERT_TRUE(c_->Rollback().ok());
  EXPECT_EQ(Deliveries().size(), 6u);
}

TEST_P(WebhookEnginesTest, DataCanEndInValuesComputedBySqlInTheSameTransaction) {
  const auto endpoint = AddEndpoint("https://all.example.com/hook", "*");
  Record("case.opened", {{"feedback_id", 41}, {"case_id", "overwritten"}}, kStart,
         {{"case_id", "(SELECT 40 + 2)"}, {"unit_id", "(SELECT NULL)"}});
  auto data = nlohmann::json::parse(Only().payload).at("data");
  EXPECT_EQ(data, (nlohmann::json{{"feedback_id", 41}, {"case_id", 42}, {"unit_id", nullptr}}));
  ASSERT_TRUE(DeleteWebhookEndpoint(*c_, endpoint.id).ok());

  AddEndpoint("https://all.example.com/hook", "*");
  Record("case.closed", nlohmann::json::object(), kStart, {{"case_id", "(SELECT COUNT(*) FROM webhook_endpoints)"}});
  EXPECT_EQ(nlohmann::json::parse(Only().payload).at("data"), (nlohmann::json{{"case_id", 1}}));
  EXPECT_THROW(WebhookEventStatements("case.reopened", {}, kStart), std::invalid_argument);
  EXPECT_THROW(WebhookEventStatements("case.opened", nlohmann::json::array(), kStart), std::invalid_argument);
}

TEST_P(WebhookEnginesTest, ClaimsAreLeasesAndOutcomesAreFinal) {
  const auto a = AddEndpoint("https://a.example.com/hook", "*");
  const auto b = AddEndpoint("https://b.example.com/hook", "case.opened", "another_secret_of_16+");
  Record("case.opened", {{"case_id", 1}}, kStart);            // a and b
  Record("case.closed", {{"case_id", 1}}, kStart + kSecond);  // a
  const Micros now = kStart + kMinute;

  auto first = ClaimDueDeliveries(*c_, now, 2, 5 * kMinute);
  ASSERT_TRUE(first.ok()) << first.error().ToString();
  ASSERT_EQ(first->size(), 2u);
  EXPECT_EQ((*first)[0].delivery.event, "case.opened");  // oldest first
  EXPECT_EQ((*first)[0].delivery.attempts, 1);
  EXPECT_FALSE((*first)[0].delivery.endpoint_url.empty());
  EXPECT_EQ((*first)[0].secret, (*first)[0].delivery.endpoint_id == a.id ? kSecret : "another_secret_of_16+");
  // Another sender gets only what is not leased.
  auto second = ClaimDueDeliveries(*other_, now, 10, 5 * kMinute);
  ASSERT_TRUE(second.ok()) << second.error().ToString();
  ASSERT_EQ(second->size(), 1u);
  EXPECT_EQ((*second)[0].delivery.event, "case.closed");
  EXPECT_TRUE(ClaimDueDeliveries(*other_, now, 10, 5 * kMinute)->empty());

  ASSERT_TRUE(MarkDelivered(*c_, (*first)[0].delivery.id, 204, now).ok());
  ASSERT_TRUE(MarkDeliveryRetry(*c_, (*first)[1].delivery.id, 503, "HTTP 503: busy", now + 2 * kMinute).ok());
  ASSERT_TRUE(MarkDeliveryFailed(*other_, (*second)[0].delivery.id, std::nullopt, "connection refused", now).ok());
  // The retry is due again at its time, not before; delivered and failed ones never come back.
  EXPECT_TRUE(ClaimDueDeliveries(*other_, now + kMinute, 10, 5 * kMinute)->empty());
  auto retried = ClaimDueDeliveries(*other_, now + 2 * kMinute, 10, 5 * kMinute);
  ASSERT_EQ(retried->size(), 1u);
  EXPECT_EQ((*retried)[0].delivery.attempts, 2);
  EXPECT_EQ((*retried)[0].delivery.last_status, 503);
  EXPECT_EQ((*retried)[0].delivery.last_error, "HTTP 503: busy");
  // A sender that died: its lease runs out and another sender takes the delivery.
  auto after_lease = ClaimDueDeliveries(*c_, now + 7 * kMinute, 10, 5 * kMinute);
  ASSERT_EQ(after_lease->size(), 1u);
  EXPECT_EQ((*after_lease)[0].delivery.attempts, 3);
  const std::int64_t waiting = (*after_lease)[0].delivery.id;
  const std::int64_t waiting_endpoint = (*after_lease)[0].delivery.endpoint_id;
  ASSERT_TRUE(MarkDeliveryRetry(*c_, waiting, std::nullopt, "timeout", now + 8 * kMinute).ok());

  // A disabled endpoint's deliveries wait; enabled again, they go out.
  ASSERT_TRUE(SetWebhookEndpointActive(*c_, waiting_endpoint, false).ok());
  EXPECT_TRUE(ClaimDueDeliveries(*c_, now + 9 * kMinute, 10, 5 * kMinute)->empty());
  ASSERT_TRUE(SetWebhookEndpointActive(*c_, waiting_endpoint, true).ok());
  EXPECT_EQ(ClaimDueDeliveries(*c_, now + 9 * kMinute, 10, 5 * kMinute)->size(), 1u);

  // The states as the admin page sees them.
  std::map<std::int64_t, WebhookDelivery> by_id;
  for (const auto& d : Deliveries()) by_id[d.id] = d;
  ASSERT_EQ(by_id.size(), 3u);
  EXPECT_EQ(by_id[(*first)[0].delivery.id].delivered_at, now);
  EXPECT_EQ(by_id[(*first)[0].delivery.id].last_status, 204);
  EXPECT_EQ(by_id[(*second)[0].delivery.id].failed_at, now);
  EXPECT_FALSE(by_id[(*second)[0].delivery.id].last_status.has_value());
  EXPECT_EQ(by_id[(*second)[0].delivery.id].last_error, "connection refused");
  EXPECT_EQ(by_id[waiting].attempts, 4);

  // Pruning removes finished deliveries before the cut-off only; deleting an endpoint removes its own.
  auto pruned = PruneWebhookDeliveries(*c_, kStart + kSecond);
  ASSERT_TRUE(pruned.ok()) << pruned.error().ToString();
  EXPECT_EQ(*pruned, 1);  // the delivered one (case.opened at kStart); the waiting one stays
  pruned = PruneWebhookDeliveries(*c_, kStart + kMinute);
  EXPECT_EQ(*pruned, 1);  // the failed one
  EXPECT_EQ(Deliveries().size(), 1u);
  ASSERT_TRUE(DeleteWebhookEndpoint(*c_, waiting_endpoint).ok());
  EXPECT_TRUE(Deliveries().empty());
  EXPECT_EQ(DeleteWebhookEndpoint(*c_, waiting_endpoint).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(SetWebhookEndpointActive(*c_, waiting_endpoint, true).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(ListWebhookEndpoints(*c_)->size(), 1u);
  (void)b;
}

TEST_P(WebhookEnginesTest, EndpointsAreValidatedAndGetASecret) {
  NewWebhookEndpoint e;
  e.url = "  https://hooks.example.com/klantstem  ";
  e.events = "case.closed,case.opened";
  e.description = "Jira service desk";
  auto created = CreateWebhookEndpoint(*c_, e, kStart);
  ASSERT_TRUE(created.ok()) << created.error().ToString();
  EXPECT_EQ(created->url, "https://hooks.example.com/klantstem");
  EXPECT_EQ(created->events, "case.opened,case.closed");
  EXPECT_TRUE(created->secret.starts_with("whsec_")) << created->secret;
  EXPECT_EQ(created->secret.size(), 6u + 48u);
  EXPECT_TRUE(created->active);
  EXPECT_TRUE(created->Subscribes("case.opened"));
  EXPECT_FALSE(created->Subscribes("case.escalated"));
  auto again = GetWebhookEndpoint(*c_, created->id);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->secret, created->secret);
  EXPECT_EQ(again->description, "Jira service desk");

  const std::vector<std::pair<NewWebhookEndpoint, std::string>> bad = {
      {{"ftp://x.example.com", "*", "", std::nullopt, ""}, "url"},
      {{"https://x.example.com", "", "", std::nullopt, ""}, "events"},
      {{"https://x.example.com", "case.deleted", "", std::nullopt, ""}, "events"},
      {{"https://x.example.com", "*", std::string(201, 'x'), std::nullopt, ""}, "description"},
      {{"https://x.example.com", "*", "", std::nullopt, "short"}, "secret"},
      {{"https://x.example.com", "*", "", std::nullopt, "has a space in it!!"}, "secret"},
  };
  for (const auto& [endpoint, field] : bad) {
    auto refused = CreateWebhookEndpoint(*c_, endpoint, kStart);
    ASSERT_FALSE(refused.ok()) << field;
    EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(refused.error().field, field) << refused.error().ToString();
  }
  EXPECT_EQ(ListWebhookEndpoints(*c_)->size(), 1u);
}

TEST_P(WebhookEnginesTest, DeliversSignedToARealReceiver) {
  Receiver receiver(kSecret);
  const auto endpoint = AddEndpoint(receiver.Url(), "*");
  Record("case.escalated", {{"case_id", 12}, {"level", 2}}, kStart);
  ManualClock clock(kStart + 3 * kSecond + 250'000);
  WebhookSender sender(*pool_, clock, SenderOptions());
  auto sent = sender.RunOnce();
  ASSERT_TRUE(sent.ok()) << sent.error().ToString();
  EXPECT_EQ(*sent, 1);
  EXPECT_EQ(sender.delivered(), 1u);

  const auto received = receiver.received();
  ASSERT_EQ(received.size(), 1u);
  const Received& r = received[0];
  const WebhookDelivery d = Only();
  EXPECT_EQ(r.method, "POST");
  EXPECT_EQ(r.path, "/hooks/klantstem?team=care");
  EXPECT_EQ(r.content_type, "application/json");
  EXPECT_EQ(r.event, "case.escalated");
  EXPECT_EQ(r.delivery, std::to_string(d.id));
  EXPECT_EQ(r.timestamp, std::to_string(kStart / kMicrosPerSecond + 3));
  EXPECT_TRUE(r.signature_ok) << r.signature;
  EXPECT_EQ(r.signature, WebhookSignature(kSecret, kStart / kMicrosPerSecond + 3, r.body));
  EXPECT_EQ(r.body, d.payload);
  const auto body = nlohmann::json::parse(r.body);
  EXPECT_EQ(body.at("event"), "case.escalated");
  EXPECT_EQ(body.at("data").at("level"), 2);

  EXPECT_EQ(d.endpoint_id, endpoint.id);
  EXPECT_EQ(d.delivered_at, clock.Now());
  EXPECT_EQ(d.last_status, 200);
  EXPECT_EQ(d.attempts, 1);
  // Delivered once: later rounds send nothing.
  clock.Advance(2 * 3600 * kSecond);
  EXPECT_EQ(*sender.RunOnce(), 0);
  EXPECT_EQ(receiver.received().size(), 1u);
}

TEST_P(WebhookEnginesTest, AServerErrorIsRetriedAfterTheBackoffAndDeliveredOnce) {
  Receiver receiver(kSecret);
  AddEndpoint(receiver.Url("/"), "case.closed");
  receiver.AnswerWith({500, 200});
  Record("case.closed", {{"case_id", 3}}, kStart);
  ManualClock clock(kStart);
  WebhookSender sender(*pool_, clock, SenderOptions());

  EXPECT_EQ(*sender.RunOnce(), 0);
  EXPECT_EQ(sender.retried(), 1u);
  WebhookDelivery d = Only();
  EXPECT_FALSE(d.delivered_at || d.failed_at);
  EXPECT_EQ(d.last_status, 500);
  EXPECT_EQ(d.last_error, "HTTP 500: temporarily broken please retry");
  EXPECT_EQ(d.next_attempt_at, kStart + 30 * kSecond);
  // Not before the backoff.
  clock.Advance(29 * kSecond);
  EXPECT_EQ(*sender.RunOnce(), 0);
  EXPECT_EQ(receiver.received().size(), 1u);
  clock.Advance(kSecond);
  EXPECT_EQ(*sender.RunOnce(), 1);
  clock.Advance(kMinute);
  EXPECT_EQ(*sender.RunOnce(), 0);

  const auto received = receiver.received();
  ASSERT_EQ(received.size(), 2u);
  EXPECT_EQ(received[0].body, received[1].body);  // the same body on every attempt
  EXPECT_EQ(received[0].delivery, received[1].delivery);
  EXPECT_EQ(received[1].timestamp, std::to_string(kStart / kMicrosPerSecond + 30));
  EXPECT_TRUE(received[0].signature_ok && received[1].signature_ok);
  d = Only();
  EXPECT_EQ(d.delivered_at, kStart + 30 * kSecond);
  EXPECT_EQ(d.attempts, 2);
  EXPECT_EQ(d.last_status, 200);
  EXPECT_EQ(d.last_error, "");
  EXPECT_EQ(sender.delivered(), 1u);
}

TEST_P(WebhookEnginesTest, AnUnreachableReceiverIsRetriedWithGrowingPausesThenGivenUp) {
  AddEndpoint("http://127.0.0.1:" + std::to_string(UnusedPort()) + "/hook", "*");
  Record("case.opened", {{"case_id", 5}}, kStart);
  ManualClock clock(kStart);
  WebhookSender sender(*pool_, clock, SenderOptions());

  EXPECT_EQ(*sender.RunOnce(), 0);
  WebhookDelivery d = Only();
  EXPECT_EQ(d.attempts, 1);
  EXPECT_FALSE(d.last_status.has_value());
  EXPECT_TRUE(d.last_error.starts_with("cannot reach http://127.0.0.1:")) << d.last_error;
  EXPECT_FALSE(d.failed_at.has_value());

  // 30 s, 1, 2, 4, 8, 16, 32 min, then 1 hour twice; the 10th attempt is the last.
  const std::vector<Micros> pauses = {30 * kSecond, kMinute,      2 * kMinute,  4 * kMinute, 8 * kMinute,
                                      16 * kMinute, 32 * kMinute, 60 * kMinute, 60 * kMinute};
  for (size_t i = 0; i < pauses.size(); ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(d.next_attempt_at, clock.Now() + pauses[i]);
    EXPECT_EQ(sender.Backoff(static_cast<std::int64_t>(i) + 1), pauses[i]);
    clock.Set(d.next_attempt_at);
    EXPECT_EQ(*sender.RunOnce(), 0);
    d = Only();
    EXPECT_EQ(d.attempts, static_cast<std::int64_t>(i) + 2);
  }
  EXPECT_EQ(d.failed_at, clock.Now());
  EXPECT_EQ(sender.retried(), 9u);
  EXPECT_EQ(sender.failed(), 1u);
  clock.Advance(24 * 3600 * kSecond);
  EXPECT_EQ(*sender.RunOnce(), 0);
  EXPECT_EQ(Only().attempts, 10);
}

TEST_P(WebhookEnginesTest, ADeliveryOlderThanADayIsGivenUpAfterItsFailedAttempt) {
  AddEndpoint("http://127.0.0.1:" + std::to_string(UnusedPort()) + "/hook", "*");
  Record("case.opened", {{"case_id", 5}}, kStart);
  ManualClock clock(kStart + 24 * 3600 * kSecond);
  WebhookSender sender(*pool_, clock, SenderOptions());
  EXPECT_EQ(*sender.RunOnce(), 0);
  const WebhookDelivery d = Only();
  EXPECT_EQ(d.attempts, 1);
  EXPECT_EQ(d.failed_at, clock.Now());
}

TEST_P(WebhookEnginesTest, OldFinishedDeliveriesArePruned) {
  Receiver receiver(kSecret);
  AddEndpoint(receiver.Url(), "*");
  Record("case.opened", {{"case_id", 1}}, kStart);
  ManualClock clock(kStart);
  WebhookSender sender(*pool_, clock, SenderOptions());
  EXPECT_EQ(*sender.RunOnce(), 1);
  Record("case.closed", {{"case_id", 1}}, kStart + 31LL * 24 * 3600 * kSecond);
  clock.Set(kStart + 31LL * 24 * 3600 * kSecond);
  EXPECT_EQ(*sender.RunOnce(), 1);  // prunes the first (31 days old), delivers the second
  const auto left = Deliveries();
  ASSERT_EQ(left.size(), 1u);
  EXPECT_EQ(left[0].event, "case.closed");
}

INSTANTIATE_TEST_SUITE_P(Engines, WebhookEnginesTest, ::testing::Values(db::Engine::kSqlite, db::Engine::kPostgres));

// --- without a database ---------------------------------------------------------------------------------

TEST(WebhookUrlTest, Validate) {
  struct Case {
    std::string url;
    std::string expected;  // empty: refused with field "url"
  } cases[] = {
      {"https://hooks.example.com/klantstem", "https://hooks.example.com/klantstem"},
      {"http://127.0.0.1:8080/hook?token=abc", "http://127.0.0.1:8080/hook?token=abc"},
      {"  https://example.com  ", "https://example.com"},
      {"HTTPS://Example.com/Path", "HTTPS://Example.com/Path"},
      {"http://[::1]:9000/hook", "http://[::1]:9000/hook"},
      {"https://example.com/a%20b", "https://example.com/a%20b"},
      {"", ""},
      {"   ", ""},
      {"example.com/hook", ""},
      {"ftp://example.com/hook", ""},
      {"mailto:ops@example.com", ""},
      {"javascript:alert(1)", ""},
      {"https://", ""},
      {"https:///path", ""},
      {"https://user:pw@example.com/hook", ""},
      {"https://example.com:99999/hook", ""},
      {"https://example.com:0/hook", ""},
      {"https://example.com/a b", ""},
      {"https://example.com/\nX-Evil: 1", ""},
      {"https://exämple.com/", ""},
      {"https://example.com/" + std::string(2000, 'a'), ""},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.url);
    const auto result = ValidateWebhookUrl(c.url);
    if (!c.expected.empty()) {
      ASSERT_TRUE(result.ok()) << result.error().ToString();
      EXPECT_EQ(*result, c.expected);
    } else {
      ASSERT_FALSE(result.ok());
      EXPECT_EQ(result.error().code, ErrorCode::kInvalidArgument);
      EXPECT_EQ(result.error().field, "url");
      EXPECT_TRUE(result.error().message.starts_with("the webhook URL")) << result.error().message;
    }
  }
}

TEST(WebhookEventsTest, Parse) {
  struct Case {
    std::string text, expected;  // expected empty: refused with field "events"
  } cases[] = {
      {"*", "*"},
      {"case.opened", "case.opened"},
      {"case.closed, case.opened", "case.opened,case.closed"},
      {"case.opened,*", "*"},
      {"case.escalated,,case.escalated,", "case.escalated"},
      {"case.opened,case.escalated,case.closed", "case.opened,case.escalated,case.closed"},
      {"", ""},
      {" , ", ""},
      {"case.Opened", ""},
      {"case.opened,feedback.created", ""},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    const auto result = ParseWebhookEvents(c.text);
    if (!c.expected.empty()) {
      ASSERT_TRUE(result.ok()) << result.error().ToString();
      EXPECT_EQ(*result, c.expected);
    } else {
      ASSERT_FALSE(result.ok());
      EXPECT_EQ(result.error().field, "events");
    }
  }
}

TEST(WebhookSignatureTest, IsHmacSha256AsInRfc4231) {
  // RFC 4231 test cases 1, 2 and 6 (a key longer than the block size).
  EXPECT_EQ(HmacSha256Hex(std::string(20, '\x0b'), "Hi There"),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
  EXPECT_EQ(HmacSha256Hex("Jefe", "what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  EXPECT_EQ(HmacSha256Hex(std::string(131, '\xaa'), "Test Using Larger Than Block-Size Key - Hash Key First"),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
  EXPECT_EQ(WebhookSignature("Jefe", 1767225600, "{}"), "sha256=" + PocoHmacHex("Jefe", "1767225600.{}"));
}

TEST(WebhookPostTest, ASlowReceiverTimesOut) {
  Receiver receiver(kSecret);
  receiver.Delay(std::chrono::milliseconds(1500));
  const WebhookAttempt attempt =
      PostWebhook(receiver.Url(), "case.opened", 1, kSecret, 1767225600, "{}", 200'000 /* 0.2 s */);
  EXPECT_FALSE(attempt.delivered);
  EXPECT_FALSE(attempt.status.has_value());
  EXPECT_TRUE(attempt.error.find("did not answer within 200 ms") != std::string::npos) << attempt.error;
}

TEST(WebhookPostTest, ARedirectIsNotFollowed) {
  Receiver receiver(kSecret);
  receiver.AnswerWith({301});
  const WebhookAttempt attempt = PostWebhook(receiver.Url(), "case.opened", 1, kSecret, 1767225600, "{}", kSecond);
  EXPECT_FALSE(attempt.delivered);
  EXPECT_EQ(attempt.status, 301);
  EXPECT_TRUE(attempt.error.find("redirects are not followed") != std::string::npos) << attempt.error;
}

}  // namespace
}  // namespace ks::notify
