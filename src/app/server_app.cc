#include "app/server_app.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <csignal>
#include <thread>

#include "accounts/account_pages.h"
#include "accounts/admin_pages.h"
#include "accounts/api_keys.h"
#include "accounts/login_throttle.h"
#include "accounts/sessions.h"
#include "accounts/web_auth.h"
#include "actions/action_pages.h"
#include "actions/actions_api.h"
#include "actions/lead_time_pages.h"
#include "actions/report_pages.h"
#include "actions/triage_pages.h"
#include "actions/weekly_digest.h"
#include "analytics/analytics_api.h"
#include "analytics/analytics_pages.h"
#include "analytics/index_feed.h"
#include "app/driver_surveys.h"
#include "app/system_api.h"
#include "cases/callback_pages.h"
#include "cases/case_pages.h"
#include "cases/case_rules_pages.h"
#include "cases/cases_api.h"
#include "cases/escalation.h"
#include "cases/quiet_pages.h"
#include "cases/rule_runner.h"
#include "cases/speed_pages.h"
#include "customers/customers_api.h"
#include "customers/unit_pages.h"
#include "db/connection_pool.h"
#include "db/group_commit_writer.h"
#include "db/migrations.h"
#include "feedback/feedback_api.h"
#include "feedback/feedback_pages.h"
#include "http/server.h"
#include "notify/mail_sender.h"
#include "notify/sms_transport.h"
#include "notify/smtp_transport.h"
#include "notify/webhook_sender.h"
#include "surveys/invitation_sender.h"
#include "surveys/survey_pages.h"
#include "surveys/survey_public_pages.h"
#include "surveys/surveys_api.h"
#include "text/analyzer.h"
#include "topics/reanalysis.h"
#include "topics/taxonomy_store.h"
#include "topics/topics_pages.h"
#include "web/i18n.h"
#include "web/static_assets.h"
#include "web/templates.h"

namespace ks {
namespace {

Result<std::pair<std::string, std::uint16_t>> ParseListen(const std::string& listen) {
  const auto colon = listen.rfind(':');
  if (colon == std::string::npos) return Error::Invalid("listen", "'" + listen + "' must be HOST:PORT");
  const std::string port_text = listen.substr(colon + 1);
  int port = 0;
  try {
    port = std::stoi(port_text);
  } catch (const std::exception&) {
    port = -1;
  }
  if (port < 1 || port > 65535) return Error::Invalid("listen", "'" + port_text + "' is not a port (1..65535)");
  return std::pair<std::string, std::uint16_t>{listen.substr(0, colon), static_cast<std::uint16_t>(port)};
}

}  // namespace

Result<void> RunServer(const ServeConfig& config) {
  KS_ASSIGN_OR_RETURN(auto address, ParseListen(config.listen));
  // Block the shutdown signals before any thread starts, so that only sigwait below receives them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  KS_ASSIGN_OR_RETURN(auto database, db::OpenDatabase(config.db_url));
  {
    KS_ASSIGN_OR_RETURN(auto connection, database->Connect());
    KS_ASSIGN_OR_RETURN(auto applied, db::Migrate(*connection));
    for (int v : applied) spdlog::info("applied migration {}", v);
  }
  SystemClock clock;
  db::ConnectionPool pool(*database, config.threads * 2 + 2);
  // The analytics index is loaded before the server listens; the writer brings it up to date after
  // every commit, a thread after other nodes' commits.
  KS_ASSIGN_OR_RETURN(TimeZone default_zone, TimeZone::Find(kDefaultTimeZone));
  analytics::FeedbackIndex index(default_zone);
  analytics::IndexFeed index_feed(*database, index, {});
  KS_RETURN_IF_ERROR(index_feed.Start());
  db::GroupCommitWriter writer(*database);
  writer.SetAfterCommit([&index_feed] {
    if (auto caught_up = index_feed.CatchUp(); !caught_up.ok()) {
      spdlog::warn("analytics index: catching up after a commit failed: {}", caught_up.error().message);
    }
  });
  // Text analysis on the write path, with the organisation's topic taxonomy; the re-analyser keeps it
  // current (a save on another node) and re-analyses stored feedback when asked.
  text::TextAnalyzer analyzer;
  {
    KS_ASSIGN_OR_RETURN(auto connection, pool.Acquire());
    KS_RETURN_IF_ERROR(topics::SyncAnalyzer(*connection, analyzer));
  }
  spdlog::info("text analysis: topic taxonomy revision {} ({} topics)", analyzer.revision(),
               analyzer.matcher()->taxonomy().topics.size());
  analytics::AnalyticsService analytics(index, pool, clock, &analyzer);
  UnitDirectory units(pool);
  ApiKeyAuthenticator authenticator(pool, clock);
  topics::Reanalyser reanalyser(pool, writer, analyzer, clock);
  reanalyser.Start();
  FeedbackService feedback(writer, pool, units, analyzer, clock);
  http::HttpMetrics metrics;
  metrics.AddSection([&writer](std::string& out) {
    out += "# HELP klantstem_writer_queue_depth Write requests waiting for the group-commit writer.\n";
    out += "# TYPE klantstem_writer_queue_depth gauge\n";
    out += fmt::format("klantstem_writer_queue_depth {}\n", writer.queue_depth());
    out += "# HELP klantstem_writer_batch_size Write requests per committed transaction.\n";
    out += "# TYPE klantstem_writer_batch_size histogram\n";
    writer.batch_sizes().AppendPrometheus(out, "klantstem_writer_batch_size", "");
  });
  metrics.AddSection([&index](std::string& out) {
    out += "# HELP klantstem_analytics_index_items Feedback items in this node's analytics index.\n";
    out += "# TYPE klantstem_analytics_index_items gauge\n";
    out += fmt::format("klantstem_analytics_index_items {}\n", index.size());
    out += "# HELP klantstem_analytics_index_bytes Memory held by this node's analytics index.\n";
    out += "# TYPE klantstem_analytics_index_bytes gauge\n";
    out += fmt::format("klantstem_analytics_index_bytes {}\n", index.MemoryBytes());
  });

  // Mail: delivered by a background sender when an SMTP server is configured; otherwise mails wait in
  // the outbox and are sent once one is.
  std::unique_ptr<notify::SmtpTransport> transport;
  std::unique_ptr<notify::MailSender> mail_sender;
  if (!config.smtp_url.empty()) {
    KS_ASSIGN_OR_RETURN(auto smtp, notify::ParseSmtpUrl(config.smtp_url));
    transport = std::make_unique<notify::SmtpTransport>(smtp);
    mail_sender = std::make_unique<notify::MailSender>(pool, *transport, clock, notify::MailSender::Options{});
    mail_sender->Start();
    metrics.AddSection([sender = mail_sender.get()](std::string& out) {
      out += "# HELP klantstem_mail_total Mails handed to the SMTP server, retried later, or given up.\n";
      out += "# TYPE klantstem_mail_total counter\n";
      out += fmt::format("klantstem_mail_total{{outcome=\"sent\"}} {}\n", sender->sent());
      out += fmt::format("klantstem_mail_total{{outcome=\"retried\"}} {}\n", sender->retried());
      out += fmt::format("klantstem_mail_total{{outcome=\"failed\"}} {}\n", sender->failed());
    });
    spdlog::info("sending mail through {}:{}", smtp.host, smtp.port);
  } else {
    spdlog::warn("no SMTP server configured (--smtp / KLANTSTEM_SMTP_URL): mails wait in the outbox");
  }
  // Outgoing webhooks (endpoints are added on /admin/webhooks): delivered by a background sender.
  notify::WebhookSender webhook_sender(pool, clock, notify::WebhookSender::Options{});
  webhook_sender.Start();
  metrics.AddSection([&webhook_sender](std::string& out) {
    out += "# HELP klantstem_webhooks_total Webhook deliveries accepted by the receiver, retried later, or given up.\n";
    out += "# TYPE klantstem_webhooks_total counter\n";
    out += fmt::format("klantstem_webhooks_total{{outcome=\"delivered\"}} {}\n", webhook_sender.delivered());
    out += fmt::format("klantstem_webhooks_total{{outcome=\"retried\"}} {}\n", webhook_sender.retried());
    out += fmt::format("klantstem_webhooks_total{{outcome=\"failed\"}} {}\n", webhook_sender.failed());
  });

  // Survey invitations: sent by a background sender; SMS only when a provider is configured.
  std::unique_ptr<notify::HttpSmsTransport> sms;
  if (!config.sms_url.empty()) {
    notify::SmsConfig sms_config{.url = config.sms_url, .auth_header = config.sms_auth_header};
    if (!config.sms_body_template.empty()) sms_config.body_template = config.sms_body_template;
    KS_ASSIGN_OR_RETURN(sms_config, notify::ValidateSmsConfig(sms_config));
    sms = std::make_unique<notify::HttpSmsTransport>(sms_config);
  }
  const std::string base_url = config.public_url.empty() ? "http://" + config.listen : config.public_url;
  surveys::InvitationSender invitations(pool, clock, surveys::SurveyTexts(), sms.get(), {.base_url = base_url});
  invitations.Start();
  // Closing the loop: the rules open cases from the jobs written with the feedback; overdue cases escalate.
  cases::RuleRunnerOptions rule_options;
  rule_options.base_url = base_url;
  cases::RuleRunner rule_runner(pool, writer, clock, rule_options);
  rule_runner.Start();
  cases::EscalationOptions escalation_options;
  escalation_options.base_url = base_url;
  cases::Escalator escalator(pool, clock, escalation_options);
  escalator.Start();
  cases::CaseService case_service(pool, clock, base_url);
  actions::ActionService action_service(pool, clock, base_url);
  actions::DigestSender action_digests(pool, clock, base_url);  // the weekly "you said, we did"
  action_digests.Start();
  surveys::TouchpointService touchpoints(writer, pool, units, clock);
  touchpoints.OnScheduled([&invitations] { invitations.Wake(); });
  metrics.AddSection([&invitations](std::string& out) {
    const auto counts = invitations.counts();
    out += "# HELP klantstem_invitations_total Survey invitations sent, given up, or skipped (by reason).\n";
    out += "# TYPE klantstem_invitations_total counter\n";
    out += fmt::format("klantstem_invitations_total{{outcome=\"sent\"}} {}\n", counts.sent);
    out += fmt::format("klantstem_invitations_total{{outcome=\"failed\"}} {}\n", counts.failed);
    for (const auto& [reason, n] : counts.skipped) {
      out += fmt::format("klantstem_invitations_total{{outcome=\"skipped\",reason=\"{}\"}} {}\n", reason, n);
    }
  });

  const web::I18n i18n;
  const web::Templates templates(
      {&web::EmbeddedWebTemplates(), &EmbeddedAccountTemplates(), &EmbeddedCustomerTemplates(),
       &EmbeddedFeedbackTemplates(), &surveys::EmbeddedSurveyTemplates(), &analytics::EmbeddedAnalyticsTemplates(),
       &topics::EmbeddedTopicTemplates(), &cases::EmbeddedCaseTemplates(), &actions::EmbeddedActionTemplates()});
  SessionStore sessions(pool, clock, {.secure_cookie = config.secure_cookies});
  LoginThrottle throttle(clock, {});
  WebAuth web_auth(sessions, pool, i18n, templates, config.public_url);

  http::Router router;
  AddSystemRoutes(router, pool, metrics);
  AddCustomerRoutes(router, writer, pool, units, authenticator, clock);
  AddFeedbackRoutes(router, feedback, pool, authenticator, clock);
  analytics::AddAnalyticsRoutes(router, analytics, pool, authenticator, clock);
  surveys::AddSurveyRoutes(router, touchpoints, pool, authenticator, clock);
  // Before the case routes: /api/v1/cases/speed is not a case id.
  cases::AddSpeedRoutes(router, pool, authenticator, clock);
  cases::AddCaseRoutes(router, case_service, pool, authenticator, clock);
  surveys::AddSurveyPublicPages(router, pool, writer, analyzer, clock, {});
  web::AddStaticRoutes(router);
  AddAccountPages(router, web_auth, throttle, clock);
  AddAdminPages(router, web_auth, clock);
  AddUnitPages(router, web_auth, units, clock);
  AddFeedbackPages(router, web_auth, analyzer);
  AddCustomerPage(router, web_auth, analyzer, {surveys::CustomerInvitationsSection(web_auth)});
  surveys::AddSurveyPages(router, web_auth, clock);
  const analytics::AnalyticsPagesConfig analytics_pages{analytics, MakeDriverSurveys(pool)};
  analytics::AddAnalyticsPages(router, web_auth, analytics_pages);
  topics::AddTopicPages(router, web_auth, analyzer, reanalyser, clock);
  cases::AddSpeedPage(router, web_auth, clock);  // these two before /cases/{id}
  cases::AddQuietPage(router, web_auth, clock);
  cases::AddCasePages(router, web_auth, case_service, clock);
  cases::AddCallbackPages(router, web_auth, clock);
  cases::AddClientSeatPage(router, web_auth, clock);
  cases::AddCaseRulesPages(router, web_auth, clock);
  actions::AddReportPages(router, web_auth, feedback, clock);
  // These before /actions/{id} and /api/v1/actions/{id}: "triage" and "lead-times" are not ids.
  actions::AddTriagePages(router, web_auth, pool, action_service, clock);
  actions::AddLeadTimePages(router, web_auth, authenticator, clock);
  actions::AddActionPages(router, web_auth, action_service, analytics, analyzer);
  actions::AddActionRoutes(router, pool, authenticator, action_service);

  http::HttpServer server({address.first, address.second, config.threads, config.max_body_bytes}, router, metrics);
  KS_RETURN_IF_ERROR(server.Start());
  spdlog::info("klantstem listening on http://{}:{} ({})", address.first, address.second, database->Describe());

  int received = 0;
  sigwait(&signals, &received);
  spdlog::info("received {}: finishing in-flight requests", received == SIGTERM ? "SIGTERM" : "SIGINT");
  if (!server.Drain(std::chrono::seconds(10))) {
    spdlog::warn("{} requests still running after 10 s; stopping anyway", server.in_flight());
  }
  server.Stop();
  invitations.Stop();
  escalator.Stop();
  action_digests.Stop();
  rule_runner.Stop();
  reanalyser.Stop();
  if (mail_sender) mail_sender->Stop();
  webhook_sender.Stop();
  writer.Stop();
  spdlog::info("stopped");
  return Ok();
}

}  // namespace ks
