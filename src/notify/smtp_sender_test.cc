// The outbox and its sender against a real SMTP server: tests/support/smtp_sink.py (aiosmtpd).
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "db/connection_pool.h"
#include "db/migrations.h"
#include "notify/mail_sender.h"
#include "notify/mail_templates.h"
#include "notify/outbox.h"

namespace ks::notify {
namespace {

namespace fs = std::filesystem;
constexpr Micros kMinute = 60 * kMicrosPerSecond;

// The SMTP sink as a child process, killed when this goes out of scope (even after a failed assertion).
class SmtpSink {
 public:
  SmtpSink(const fs::path& folder, std::vector<std::string> extra) : folder_(folder) {
    fs::create_directories(folder);
    const std::string port_file = (folder / "port").string();
    std::vector<std::string> args = {"/usr/bin/python3", KS_SMTP_SINK, "--port", "0",
                                     "--port-file",      port_file,    "--dir",  (folder / "mail").string(),
                                     "--max-seconds",    "120"};
    args.insert(args.end(), extra.begin(), extra.end());
    pid_ = fork();
    if (pid_ == 0) {
      std::vector<char*> argv;
      for (auto& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      execv(argv[0], argv.data());
      _exit(127);
    }
    for (int i = 0; i < 200 && !fs::exists(port_file); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    std::ifstream(port_file) >> port_;
  }
  ~SmtpSink() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      waitpid(pid_, nullptr, 0);
    }
  }
  int port() const { return port_; }
  std::vector<std::string> Messages() const {
    std::vector<fs::path> files;
    if (fs::exists(folder_ / "mail")) {
      for (const auto& e : fs::directory_iterator(folder_ / "mail")) {
        if (e.path().extension() == ".eml") files.push_back(e.path());
      }
    }
    std::sort(files.begin(), files.end());
    std::vector<std::string> out;
    for (const auto& f : files) {
      std::stringstream s;
      s << std::ifstream(f).rdbuf();
      out.push_back(s.str());
    }
    return out;
  }

 private:
  fs::path folder_;
  pid_t pid_ = -1;
  int port_ = 0;
};

class MailSenderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    folder_ = fs::temp_directory_path() / ("klantstem-notify-" + std::to_string(getpid()) + "-" +
                                           ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(folder_);
    fs::create_directories(folder_);
    database_ = std::move(db::OpenDatabase("sqlite:" + (folder_ / "k.db").string())).value();
    connection_ = std::move(database_->Connect()).value();
    ASSERT_TRUE(db::Migrate(*connection_).ok());
    pool_ = std::make_unique<db::ConnectionPool>(*database_, 2);
  }
  void TearDown() override {
    pool_.reset();
    connection_.reset();
    database_.reset();
    fs::remove_all(folder_);
  }
  void Queue(const Mail& mail) { Queue(mail, clock_.Now()); }
  void Queue(const Mail& mail, Micros now) {
    const auto s = OutboxInsertStatement(mail, now);
    ASSERT_TRUE(connection_->Exec(s.sql, s.params).ok());
  }
  OutboxEntry Entry() { return ListOutbox(*connection_, 1).value().at(0); }

  fs::path folder_;
  std::unique_ptr<db::Database> database_;
  std::unique_ptr<db::Connection> connection_;
  std::unique_ptr<db::ConnectionPool> pool_;
  ManualClock clock_{1'800'000'000LL * kMicrosPerSecond};
};

Mail Invitation() {
  Mail mail = RenderMail("accounts.invite", "nl",
                         {{"name", std::string("Zoë Müller")},
                          {"inviter_name", std::string("Anouk “de baas” Vermeer 🎉")},
                          {"organisation", std::string("Stroomlijn")},
                          {"link", std::string("http://127.0.0.1/invite/abc")},
                          {"expires_hours", std::string("168")}},
                         "zoe@example.nl", "Zoë Müller")
                  .value();
  return mail;
}

TEST_F(MailSenderTest, DeliversTextAndHtmlWithEncodedNonAsciiHeaders) {
  SmtpSink sink(folder_ / "sink", {});
  ASSERT_GT(sink.port(), 0);
  SmtpConfig config;
  config.port = sink.port();
  config.from_address = "noreply@stroomlijn.example";
  config.from_name = "Klantenservice Stroomlijn";
  SmtpTransport transport(config);
  MailSender sender(*pool_, transport, clock_, {});
  Queue(Invitation());
  auto sent = sender.RunOnce();
  ASSERT_TRUE(sent.ok()) << sent.error().message;
  EXPECT_EQ(*sent, 1);
  EXPECT_TRUE(Entry().sent_at.has_value());
  const auto messages = sink.Messages();
  ASSERT_EQ(messages.size(), 1u);
  // Encoded names stand bare, never inside quotes (RFC 2047 §5), and there is exactly one To header.
  EXPECT_EQ(messages[0].find("\"=?"), std::string::npos) << messages[0];
  EXPECT_EQ(messages[0].find("Bcc:"), std::string::npos) << messages[0];
  EXPECT_EQ(messages[0].find("\nTo:"), messages[0].rfind("\nTo:")) << messages[0];
  // Decode the message with Python's e-mail parser, the way a mail client would.
  const fs::path eml = folder_ / "message.eml";
  std::ofstream(eml) << messages[0];
  const std::string script =
      "import "
      "email,email.policy,sys;m=email.message_from_binary_file(open(sys.argv[1],'rb'),policy=email.policy.default);"
      "print(m['To']);print(m['From']);print(m['Subject']);print(m.get_content_type());"
      "print(m.get_body(('plain',)).get_content());print(m.get_body(('html',)).get_content())";
  const std::string command =
      "/usr/bin/python3 -c \"" + script + "\" " + eml.string() + " > " + (folder_ / "decoded.txt").string();
  ASSERT_EQ(std::system(command.c_str()), 0);
  std::stringstream decoded;
  decoded << std::ifstream(folder_ / "decoded.txt").rdbuf();
  const std::string d = decoded.str();
  EXPECT_NE(d.find("Zoë Müller <zoe@example.nl>"), std::string::npos) << d;
  EXPECT_NE(d.find("Klantenservice Stroomlijn <noreply@stroomlijn.example>"), std::string::npos) << d;
  EXPECT_NE(d.find("Anouk “de baas” Vermeer 🎉 nodigt u uit voor Stroomlijn op klantstem"), std::string::npos) << d;
  EXPECT_NE(d.find("multipart/alternative"), std::string::npos) << d;
  EXPECT_NE(d.find("Hallo Zoë Müller,"), std::string::npos) << d;
  EXPECT_NE(d.find("<p>Hallo Zoë Müller,</p>"), std::string::npos) << d;
  EXPECT_NE(d.find("http://127.0.0.1/invite/abc"), std::string::npos) << d;
}

// Regression: survey invitations (long HTML written with bare LFs) were refused by SMTP servers with
// "500 Line too long", because the quoted-printable parts kept the LFs and the server saw one line.
TEST_F(MailSenderTest, LongBodiesWithBareLineFeedsAreSentAsCrLfLines) {
  SmtpSink sink(folder_ / "sink", {});
  ASSERT_GT(sink.port(), 0);
  SmtpConfig config;
  config.port = sink.port();
  SmtpTransport transport(config);
  MailSender sender(*pool_, transport, clock_, {});
  Mail mail{
      "surveys.invitation", "anna@example.nl", "Anna", "Uw mening", "", "", {{"List-Unsubscribe", "<http://x/u/t>"}}};
  for (int i = 0; i < 60; ++i) {
    mail.text_body +=
        "  " + std::to_string(i) + ": http://127.0.0.1/s/abcdefghijklmnopqrstuv?score=" + std::to_string(i) + "\n";
    mail.html_body += "<td><a href=\"http://127.0.0.1/s/abcdefghijklmnopqrstuv?score=" + std::to_string(i) + "\">" +
                      std::to_string(i) + "</a></td>\n";
  }
  Queue(mail);
  auto sent = sender.RunOnce();
  ASSERT_TRUE(sent.ok()) << sent.error().message;
  ASSERT_TRUE(Entry().sent_at.has_value()) << Entry().last_error;
  const auto messages = sink.Messages();
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_NE(messages[0].find("List-Unsubscribe: <http://x/u/t>"), std::string::npos) << messages[0];
}

TEST_F(MailSenderTest, RetriesWithBackoffAfterATemporaryRefusal) {
  SmtpSink sink(folder_ / "sink", {"--fail-first", "1"});
  SmtpConfig config;
  config.port = sink.port();
  SmtpTransport transport(config);
  MailSender sender(*pool_, transport, clock_, {});
  Queue(Invitation());
  EXPECT_EQ(sender.RunOnce().value(), 0);
  OutboxEntry entry = Entry();
  EXPECT_FALSE(entry.sent_at.has_value());
  EXPECT_NE(entry.last_error.find("451"), std::string::npos) << entry.last_error;
  EXPECT_EQ(entry.next_attempt_at, clock_.Now() + kMinute);
  EXPECT_EQ(sender.RunOnce().value(), 0);  // not due yet
  clock_.Advance(kMinute);
  EXPECT_EQ(sender.RunOnce().value(), 1);
  EXPECT_TRUE(Entry().sent_at.has_value());
  EXPECT_EQ(sink.Messages().size(), 1u);
  EXPECT_EQ(sender.retried(), 1u);
}

TEST_F(MailSenderTest, GivesUpAfterTheConfiguredTimeAndSaysWhy) {
  SmtpConfig config;
  config.port = 1;  // nothing listens there
  config.timeout = 2 * kMicrosPerSecond;
  SmtpTransport transport(config);
  MailSender::Options options;
  options.give_up_after = 10 * kMinute;
  MailSender sender(*pool_, transport, clock_, options);
  Queue(Invitation());
  Micros expected_delay = kMinute;
  while (!Entry().failed_at) {
    ASSERT_TRUE(sender.RunOnce().ok());
    const OutboxEntry entry = Entry();
    if (entry.failed_at) break;
    EXPECT_EQ(entry.next_attempt_at - clock_.Now(), expected_delay);  // 1, 2, 4, 8 minutes
    clock_.Advance(expected_delay);
    expected_delay *= 2;
  }
  const OutboxEntry entry = Entry();
  EXPECT_NE(entry.last_error.find("cannot deliver to the mail server 127.0.0.1:1"), std::string::npos)
      << entry.last_error;
  EXPECT_GE(*entry.failed_at - entry.created_at, options.give_up_after);
  EXPECT_EQ(sender.failed(), 1u);
  EXPECT_EQ(sender.RunOnce().value(), 0);  // never tried again
}

TEST_F(MailSenderTest, AuthenticatesWhenConfigured) {
  SmtpSink sink(folder_ / "sink", {"--auth-user", "mailer", "--auth-password", "geheim wachtwoord"});
  SmtpConfig config;
  config.port = sink.port();
  SmtpTransport wrong(config);  // no credentials: the server refuses for good
  auto refused = wrong.Send(Invitation());
  ASSERT_FALSE(refused.ok());
  config.username = "mailer";
  config.password = "geheim wachtwoord";
  SmtpTransport right(config);
  auto sent = right.Send(Invitation());
  ASSERT_TRUE(sent.ok()) << sent.error().message;
  EXPECT_EQ(sink.Messages().size(), 1u);
}

TEST_F(MailSenderTest, BackgroundThreadDeliversAndStopsPromptly) {
  SmtpSink sink(folder_ / "sink", {});
  SmtpConfig config;
  config.port = sink.port();
  SmtpTransport transport(config);
  SystemClock clock;
  MailSender::Options options;
  options.poll_interval = 3600LL * kMicrosPerSecond;  // only Wake() makes it look
  MailSender sender(*pool_, transport, clock, options);
  sender.Start();
  Queue(Invitation(), clock.Now());
  sender.Wake();
  for (int i = 0; i < 100 && sink.Messages().empty(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_EQ(sink.Messages().size(), 1u);
  const auto start = std::chrono::steady_clock::now();
  sender.Stop();
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}

}  // namespace
}  // namespace ks::notify
