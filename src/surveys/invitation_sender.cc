#include "surveys/invitation_sender.h"

#include <spdlog/spdlog.h>

#include "accounts/organisation_settings.h"
#include "base/random.h"
#include "base/time.h"
#include "notify/outbox.h"
#include "surveys/invitation_rules.h"
#include "surveys/invitation_store.h"
#include "surveys/survey_mail.h"
#include "surveys/survey_store.h"
#include "surveys/touchpoint_service.h"

namespace ks::surveys {

namespace {

constexpr Micros kLease = Micros{300} * kMicrosPerSecond;
constexpr Micros kFirstRetry = Micros{60} * kMicrosPerSecond;
constexpr int kMaxAttempts = 6;
constexpr size_t kTokenBytes = 16;  // 128 bits

}  // namespace

// What every invitation of one pass shares.
struct InvitationSender::Context {
  OrganisationSettings settings;
  TimeZone zone;
  QuietHours quiet;
  Micros now = 0;
};

InvitationSender::InvitationSender(db::ConnectionPool& pool, const Clock& clock, const web::I18n& texts,
                                   notify::SmsTransport* sms, Options options)
    : pool_(pool),
      clock_(clock),
      texts_(texts),
      sms_(sms),
      options_(std::move(options)),
      loop_(options_.poll_interval, [this] {
        auto handled = RunOnce();
        if (!handled.ok()) spdlog::warn("invitation sender: {}", handled.error().message);
        // A full batch means more may be due: go on at once.
        return handled.ok() && *handled >= options_.batch;
      }) {}

InvitationSender::Counts InvitationSender::counts() const {
  std::lock_guard lock(mutex_);
  return counts_;
}

void InvitationSender::CountSkip(std::string_view reason) {
  std::lock_guard lock(mutex_);
  ++counts_.skipped[std::string(reason)];
}

Result<int> InvitationSender::RunOnce() {
  KS_ASSIGN_OR_RETURN(auto connection, pool_.Acquire());
  db::Connection& c = *connection;
  const Micros now = clock_.Now();
  KS_ASSIGN_OR_RETURN(auto due, ClaimDueInvitations(c, now, options_.batch, kLease));
  if (due.empty()) return 0;
  KS_ASSIGN_OR_RETURN(OrganisationSettings settings, LoadSettings(c));
  auto zone = TimeZone::Find(settings.time_zone);
  if (!zone.ok()) zone = TimeZone::Find(kDefaultTimeZone);
  Context context{settings, *zone, {}, now};
  context.quiet = ParseQuietHours(settings.quiet_hours_start, settings.quiet_hours_end);
  for (const auto& invitation : due) {
    if (auto handled = Handle(c, context, invitation); !handled.ok()) {
      // Left claimed: the lease expires and a later pass tries again.
      spdlog::warn("invitation {}: {}", invitation.id, handled.error().message);
    }
  }
  return static_cast<int>(due.size());
}

Result<void> InvitationSender::Handle(db::Connection& c, const Context& context, const DueInvitation& due) {
  KS_ASSIGN_OR_RETURN(SurveyDefinition definition, GetSurveyVersion(c, due.survey_id, due.survey_version));
  SendFacts facts{.channel = due.channel,
                  .survey_active = due.survey_active,
                  .exit_survey = definition.exit_survey,
                  .follow_up = IsFollowUpTouchpoint(due.touchpoint_type),
                  .customer_lost = due.lost,
                  .opted_out = due.opted_out,
                  .consent_email = due.survey_email,
                  .consent_sms = due.survey_sms,
                  .has_email = !due.email.empty(),
                  .has_phone = !due.phone.empty(),
                  .last_invited_at = std::nullopt,
                  .fatigue_days = context.settings.survey_fatigue_days,
                  .sent_today = 0,
                  .daily_cap = definition.daily_cap,
                  .now = context.now};
  if (!due.reminder) {
    KS_ASSIGN_OR_RETURN(facts.last_invited_at, LastInvitedAt(c, due.customer_id, due.id));
    if (definition.daily_cap > 0) {
      const Micros midnight = context.zone.StartOfDay(context.zone.LocalDay(context.now));
      KS_ASSIGN_OR_RETURN(facts.sent_today, CountSentSince(c, due.survey_id, midnight));
    }
  }
  auto reason = SkipReasonFor(facts);
  if (!reason && due.channel == "sms" && sms_ == nullptr) reason = "no_sms_provider";
  if (reason) {
    KS_RETURN_IF_ERROR(MarkSkipped(c, due, *reason, context.now));
    CountSkip(*reason);
    return Ok();
  }
  // Outside quiet hours only; a due reminder may have come due at night.
  const Micros send_at = OutOfQuietHours(context.now, context.quiet, context.zone);
  if (send_at != context.now) {
    return c.Exec("UPDATE invitations SET locked_until = $2, attempts = attempts - 1 WHERE id = $1", {due.id, send_at});
  }

  const std::string language =
      IsSurveyLanguage(due.customer_language) ? due.customer_language : definition.default_language;
  InvitationMessage message{.texts = &texts_.For(language),
                            .organisation = context.settings.name,
                            .colour = context.settings.brand_colour,
                            .logo_url = context.settings.logo_version.empty()
                                            ? ""
                                            : options_.base_url + "/logo?v=" + context.settings.logo_version,
                            .base_url = options_.base_url,
                            .token = RandomToken(kTokenBytes),
                            .customer_name = due.customer_name,
                            .question = TextIn(definition.question, language, definition.default_language),
                            .scale = definition.scale,
                            .expires_days = definition.expires_days,
                            .reminder = due.reminder};
  if (due.channel == "email") {
    KS_RETURN_IF_ERROR(c.BeginWrite());
    auto sent = [&]() -> Result<void> {
      const db::Statement insert = notify::OutboxInsertStatement(InvitationMail(message, due.email), context.now);
      KS_ASSIGN_OR_RETURN(db::Rows outbox, c.Query(insert.sql, insert.params));
      for (const auto& s : MarkSentStatements(due, message.token, language, db::AsInt(outbox.rows[0][0]), context.now,
                                              definition.expires_days, definition.reminder_days, false)) {
        KS_RETURN_IF_ERROR(c.Exec(s.sql, s.params));
      }
      return Ok();
    }();
    if (!sent.ok()) {
      (void)c.Rollback();
      return sent.error();
    }
    KS_RETURN_IF_ERROR(c.Commit());
  } else {
    auto statements = MarkSentStatements(due, message.token, language, std::nullopt, context.now,
                                         definition.expires_days, definition.reminder_days, true);
    // The token first: a delivered SMS must never carry a link that does not work.
    KS_RETURN_IF_ERROR(c.Exec(statements[0].sql, statements[0].params));
    auto delivered =
        sms_->Send({due.reminder ? "surveys.reminder" : "surveys.invitation", due.phone, InvitationSms(message)});
    if (!delivered.ok()) {
      const bool give_up = delivered.error().code != ErrorCode::kUnavailable || due.attempts >= kMaxAttempts;
      const Micros retry_at = context.now + (kFirstRetry << std::min<std::int64_t>(due.attempts - 1, 10));
      std::lock_guard lock(mutex_);
      if (give_up) ++counts_.failed;
      return MarkAttemptFailed(c, due, delivered.error().message, retry_at, give_up);
    }
    KS_RETURN_IF_ERROR(c.Exec(statements[1].sql, statements[1].params));
  }
  std::lock_guard lock(mutex_);
  ++counts_.sent;
  return Ok();
}

}  // namespace ks::surveys
