#include "notify/mail_sender.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "notify/outbox.h"

namespace ks::notify {

MailSender::MailSender(db::ConnectionPool& pool, MailTransport& transport, const Clock& clock, Options options)
    : pool_(pool), transport_(transport), clock_(clock), options_(options), loop_(options.poll_interval, [this] {
        if (auto result = RunOnce(); !result.ok()) spdlog::warn("mail sender: {}", result.error().message);
        return false;
      }) {}

Micros MailSender::Backoff(std::int64_t attempts) const {
  Micros delay = options_.first_backoff;
  for (std::int64_t i = 1; i < attempts && delay < options_.max_backoff; ++i) delay *= 2;
  return std::min(delay, options_.max_backoff);
}

Result<int> MailSender::RunOnce() {
  KS_ASSIGN_OR_RETURN(auto c, pool_.Acquire());
  const Micros now = clock_.Now();
  KS_ASSIGN_OR_RETURN(auto mails, ClaimDueMails(*c, now, options_.batch, options_.lease));
  int sent = 0;
  for (const auto& entry : mails) {
    auto delivered = transport_.Send(entry.mail);
    const Micros after = clock_.Now();
    if (delivered.ok()) {
      KS_RETURN_IF_ERROR(MarkSent(*c, entry.id, after));
      ++sent;
      sent_.fetch_add(1);
      spdlog::info("mail {} ({}) sent to {}", entry.id, entry.mail.kind, entry.mail.to_address);
      continue;
    }
    const std::string& error = delivered.error().message;
    const bool permanent = delivered.error().code == ErrorCode::kInvalidArgument;
    if (permanent || after - entry.created_at >= options_.give_up_after) {
      KS_RETURN_IF_ERROR(MarkFailed(*c, entry.id, error, after));
      failed_.fetch_add(1);
      spdlog::error("mail {} ({}) to {} given up after {} attempts: {}", entry.id, entry.mail.kind,
                    entry.mail.to_address, entry.attempts, error);
    } else {
      KS_RETURN_IF_ERROR(MarkRetry(*c, entry.id, error, after + Backoff(entry.attempts)));
      retried_.fetch_add(1);
      spdlog::warn("mail {} ({}) to {} not sent (attempt {}), will retry: {}", entry.id, entry.mail.kind,
                   entry.mail.to_address, entry.attempts, error);
    }
  }
  return sent;
}

}  // namespace ks::notify
