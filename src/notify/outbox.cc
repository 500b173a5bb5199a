#include "notify/outbox.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace ks::notify {
namespace {

constexpr std::string_view kColumns =
    "id, kind, to_address, to_name, subject, text_body, html_body, created_at, next_attempt_at, attempts, sent_at, "
    "failed_at, last_error, headers";

OutboxEntry RowToEntry(const std::vector<db::Value>& r) {
  OutboxEntry e;
  e.id = db::AsInt(r[0]);
  e.mail = {
      db::AsText(r[1]), db::AsText(r[2]), db::AsText(r[3]), db::AsText(r[4]), db::AsText(r[5]), db::AsText(r[6]), {}};
  e.created_at = db::AsInt(r[7]);
  e.next_attempt_at = db::AsInt(r[8]);
  e.attempts = db::AsInt(r[9]);
  if (!db::IsNull(r[10])) e.sent_at = db::AsInt(r[10]);
  if (!db::IsNull(r[11])) e.failed_at = db::AsInt(r[11]);
  e.last_error = db::AsText(r[12]);
  const auto headers = nlohmann::json::parse(db::AsText(r[13]), nullptr, false);
  if (headers.is_object()) {
    for (const auto& [name, value] : headers.items()) {
      if (value.is_string()) e.mail.headers.emplace_back(name, value.get<std::string>());
    }
  }
  return e;
}

}  // namespace

db::Statement OutboxInsertStatement(const Mail& mail, Micros now) {
  nlohmann::json headers = nlohmann::json::object();
  for (const auto& [name, value] : mail.headers) headers[name] = value;
  return {
      "INSERT INTO outbox (kind, to_address, to_name, subject, text_body, html_body, created_at, "
      "next_attempt_at, headers) VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $8) RETURNING id",
      {mail.kind, mail.to_address, mail.to_name, mail.subject, mail.text_body, mail.html_body, now, headers.dump()}};
}

Result<std::vector<OutboxEntry>> ListOutbox(db::Connection& c, int limit) {
  KS_ASSIGN_OR_RETURN(
      db::Rows rows,
      c.Query("SELECT " + std::string(kColumns) + " FROM outbox ORDER BY id DESC LIMIT $1", {std::int64_t{limit}}));
  std::vector<OutboxEntry> entries;
  for (const auto& r : rows.rows) entries.push_back(RowToEntry(r));
  return entries;
}

Result<std::vector<OutboxEntry>> ClaimDueMails(db::Connection& c, Micros now, int limit, Micros lease) {
  const std::string lock = c.engine() == db::Engine::kPostgres ? " FOR UPDATE SKIP LOCKED" : "";
  KS_ASSIGN_OR_RETURN(
      db::Rows rows,
      c.Query("UPDATE outbox SET locked_until = $2, attempts = attempts + 1 WHERE id IN (SELECT id FROM outbox "
              "WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= $1 AND "
              "(locked_until IS NULL OR locked_until <= $1) ORDER BY next_attempt_at, id LIMIT $3" +
                  lock + ") RETURNING " + std::string(kColumns),
              {now, now + lease, std::int64_t{limit}}));
  std::vector<OutboxEntry> entries;
  for (const auto& r : rows.rows) entries.push_back(RowToEntry(r));
  std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  return entries;
}

Result<void> MarkSent(db::Connection& c, std::int64_t id, Micros now) {
  return c.Exec("UPDATE outbox SET sent_at = $1, locked_until = NULL, last_error = '' WHERE id = $2", {now, id});
}

Result<void> MarkRetry(db::Connection& c, std::int64_t id, const std::string& error, Micros retry_at) {
  return c.Exec("UPDATE outbox SET next_attempt_at = $1, locked_until = NULL, last_error = $2 WHERE id = $3",
                {retry_at, error, id});
}

Result<void> MarkFailed(db::Connection& c, std::int64_t id, const std::string& error, Micros now) {
  return c.Exec("UPDATE outbox SET failed_at = $1, locked_until = NULL, last_error = $2 WHERE id = $3",
                {now, error, id});
}

}  // namespace ks::notify
