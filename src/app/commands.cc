#include "app/commands.h"

#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <iostream>
#include <set>

#include "accounts/api_keys.h"
#include "accounts/audit_log.h"
#include "accounts/passwords.h"
#include "app/command_support.h"
#include "base/random.h"
#include "base/time.h"
#include "customers/unit_directory.h"
#include "db/connection_pool.h"
#include "db/group_commit_writer.h"
#include "db/migrations.h"
#include "demo/demo_actions.h"
#include "demo/demo_cases.h"
#include "demo/demo_loader.h"
#include "demo/demo_responses.h"
#include "demo/demo_surveys.h"
#include "demo/demo_users.h"
#include "feedback/feedback_api.h"
#include "feedback/feedback_json.h"
#include "feedback/feedback_service.h"
#include "feedback/feedback_store.h"
#include "topics/reanalysis.h"
#include "topics/taxonomy_store.h"

namespace ks {
namespace {

std::string CsvField(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

}  // namespace

int MigrateCommand(const std::string& db_url) {
  auto opened = Open(db_url);
  if (!opened.ok()) return Fail(opened.error());
  auto status = db::GetMigrationStatus(*opened->second);
  if (!status.ok()) return Fail(status.error());
  std::cerr << "schema at version " << status->current << " (latest " << status->latest << ")\n";
  return 0;
}

int ApiKeyCreateCommand(const std::string& db_url, const std::string& name, const std::string& scopes_text) {
  auto scopes = ParseScopes(scopes_text);
  if (!scopes.ok()) return Fail(scopes.error());
  auto opened = Open(db_url);
  if (!opened.ok()) return Fail(opened.error());
  auto created = CreateApiKey(*opened->second, name, *scopes, SystemClock().Now());
  if (!created.ok()) return Fail(created.error());
  if (auto audited = Audit(*opened->second, {0, SystemClock().Now(), "cli", "apikey.created",
                                             "ks_" + created->key.prefix + " (" + name + ")", scopes_text, ""});
      !audited.ok()) {
    return Fail(audited.error());
  }
  std::cout << created->secret << "\n";
  std::cerr << "created API key " << created->key.prefix << " (" << name << ", " << scopes_text
            << "); the key above is shown only now: store it safely\n";
  return 0;
}

int ApiKeyListCommand(const std::string& db_url) {
  auto opened = Open(db_url);
  if (!opened.ok()) return Fail(opened.error());
  auto keys = ListApiKeys(*opened->second);
  if (!keys.ok()) return Fail(keys.error());
  std::cout << fmt::format("{:<6} {:<14} {:<24} {:<40} {:<22} {}\n", "ID", "PREFIX", "NAME", "SCOPES", "CREATED",
                           "REVOKED");
  for (const auto& k : *keys) {
    std::string scopes;
    for (const auto& s : k.scopes) scopes += (scopes.empty() ? "" : ",") + s;
    std::cout << fmt::format("{:<6} {:<14} {:<24} {:<40} {:<22} {}\n", k.id, k.prefix, k.name, scopes,
                             FormatRfc3339(k.created_at), k.revoked_at ? FormatRfc3339(*k.revoked_at) : "-");
  }
  return 0;
}

int ApiKeyRevokeCommand(const std::string& db_url, const std::string& prefix_or_id) {
  auto opened = Open(db_url);
  if (!opened.ok()) return Fail(opened.error());
  auto key = RevokeApiKey(*opened->second, prefix_or_id, SystemClock().Now());
  if (!key.ok()) return Fail(key.error());
  if (auto audited = Audit(*opened->second, {0, SystemClock().Now(), "cli", "apikey.revoked",
                                             "ks_" + key->prefix + " (" + key->name + ")", "", ""});
      !audited.ok()) {
    return Fail(audited.error());
  }
  std::cerr << "revoked API key " << key->prefix << " (" << key->name << "); running servers refuse it within 5 s\n";
  return 0;
}

int ImportCommand(const std::string& db_url, const std::string& path, const ImportOptions& options, bool dry_run) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return Fail(Error::NotFound("cannot open " + path));
  file.seekg(0, std::ios::end);
  const auto total = static_cast<size_t>(file.tellg());
  file.seekg(0);
  const bool terminal = isatty(STDERR_FILENO);
  SystemClock clock;
  auto parsed = ParseImport(file, options, clock.Now(), [&](size_t done) {
    if (terminal) std::cerr << fmt::format("\rreading {}: {:.0f}%", path, 100.0 * done / std::max<size_t>(total, 1));
  });
  if (terminal) std::cerr << "\r";
  if (!parsed.errors.empty()) {
    for (size_t i = 0; i < parsed.errors.size() && i < 20; ++i) {
      std::cerr << path << ":" << parsed.errors[i].line << ": " << parsed.errors[i].message << "\n";
    }
    if (parsed.errors.size() > 20) std::cerr << "… and " << parsed.errors.size() - 20 << " more\n";
    std::cerr << "klantstem: " << parsed.errors.size() << " bad rows; nothing was imported\n";
    return 1;
  }
  auto opened = Open(db_url);
  if (!opened.ok()) return Fail(opened.error());
  auto& database = *opened->first;
  db::ConnectionPool pool(database, 2);
  UnitDirectory units(pool);
  // Check every unit before writing, so that an unknown unit late in the file writes nothing.
  std::set<std::string> checked;
  for (size_t i = 0; i < parsed.items.size(); ++i) {
    const std::string& unit = parsed.items[i].unit;
    if (unit.empty() || !checked.insert(unit).second) continue;
    auto exists = units.Exists(unit);
    if (!exists.ok()) return Fail(exists.error());
    if (!*exists) {
      std::cerr << path << ":" << parsed.lines[i] << ": unit: unknown unit '" << unit << "'\n";
      std::cerr << "klantstem: nothing was imported\n";
      return 1;
    }
  }
  if (dry_run) {
    std::cerr << parsed.items.size() << " rows are valid; nothing written (--dry-run)\n";
    return 0;
  }
  text::TextAnalyzer analyzer;  // with the organisation's taxonomy
  {
    auto c = pool.Acquire();
    auto synced = c.ok() ? topics::SyncAnalyzer(**c, analyzer) : Result<bool>(c.error());
    if (!synced.ok()) return Fail(synced.error());
  }
  db::GroupCommitWriter writer(database);
  FeedbackService service(writer, pool, units, analyzer, clock);
  size_t created = 0, duplicates = 0;
  for (size_t start = 0; start < parsed.items.size(); start += kMaxBatchItems) {
    const size_t end = std::min(parsed.items.size(), start + kMaxBatchItems);
    std::vector<FeedbackInput> batch(std::make_move_iterator(parsed.items.begin() + start),
                                     std::make_move_iterator(parsed.items.begin() + end));
    auto result = service.IngestAndWait(std::move(batch));
    if (!result.ok()) {
      std::cerr << "klantstem: rows from line " << parsed.lines[start]
                << " on were not imported: " << result.error().ToString() << " (" << created + duplicates
                << " rows before them were; run the import again: rows with an idempotency_key are not doubled)\n";
      return 1;
    }
    for (const auto& i : *result) (i.created ? created : duplicates)++;
    if (terminal) std::cerr << fmt::format("\rimported {}/{}", end, parsed.items.size());
  }
  if (terminal) std::cerr << "\n";
  std::cerr << "imported " << created << " new items, " << duplicates << " already present\n";
  return 0;
}

int ExportCommand(const std::string& db_url, const std::string& format,
                  const std::multimap<std::string, std::string>& filters) {
  if (format != "jsonl" && format != "csv") return Fail(Error::Invalid("format", "use jsonl or csv"));
  auto filter = ParseFeedbackFilter(filters);
  if (!filter.ok()) return Fail(filter.error());
  auto opened = Open(db_url);
  if (!opened.ok()) return Fail(opened.error());
  if (format == "csv") {
    std::cout << "id,received_at,source,channel,customer.external_ref,unit,brand,score.value,score.scale,class,"
                 "language,text,idempotency_key\n";
  }
  std::string cursor;
  size_t count = 0;
  do {
    auto page = ListFeedback(*opened->second, *filter, cursor, 1000);
    if (!page.ok()) return Fail(page.error());
    for (const auto& item : page->items) {
      if (format == "jsonl") {
        std::cout << FeedbackToJson(item).dump() << "\n";
        continue;
      }
      const auto& in = item.input;
      std::cout << item.id << "," << FormatRfc3339(in.received_at) << "," << in.source << "," << in.channel << ","
                << CsvField(in.customer ? in.customer->external_ref : "") << "," << CsvField(in.unit) << ","
                << CsvField(in.brand) << "," << (in.score ? std::to_string(in.score->value) : "") << ","
                << (in.score ? ScaleName(in.score->scale) : "") << ","
                << (in.score ? ScaleClassName(in.score->scale, in.score->mood()) : "") << "," << in.language << ","
                << CsvField(in.text) << "," << CsvField(in.idempotency_key) << "\n";
    }
    count += page->items.size();
    cursor = page->next_cursor;
  } while (!cursor.empty());
  std::string described = format;
  for (const auto& [name, value] : filters) described += fmt::format(" {}={}", name, value);
  if (auto audited = Audit(*opened->second, {0, SystemClock().Now(), "cli", "export",
                                             std::to_string(count) + " feedback items", described, ""});
      !audited.ok()) {
    return Fail(audited.error());
  }
  std::cerr << "exported " << count << " items\n";
  return 0;
}

int DemoCommand(const std::string& db_url, int customers, int feedback, std::uint64_t seed, std::string user_password) {
  const bool generated = user_password.empty();
  if (generated) user_password = "demo-" + RandomHex(8);
  if (auto ok = CheckNewPassword(user_password, "", ""); !ok.ok()) return Fail(ok.error());
  auto opened = Open(db_url);
  if (!opened.ok()) return Fail(opened.error());
  const Micros now = SystemClock().Now();
  auto summary = demo::LoadDemo(*opened->second, {customers, feedback, seed, now},
                                [](std::string_view message) { std::cerr << message << "\n"; });
  if (!summary.ok()) return Fail(summary.error());
  auto hash = HashPassword(user_password);
  if (!hash.ok()) return Fail(hash.error());
  if (auto users = demo::LoadDemoUsers(*opened->second, *hash, now); !users.ok()) return Fail(users.error());
  if (auto surveys = demo::LoadDemoSurveys(*opened->second, now); !surveys.ok()) return Fail(surveys.error());
  if (auto responses = demo::LoadDemoResponses(*opened->second, seed, now); !responses.ok()) {
    return Fail(responses.error());
  }
  const auto cases_started = std::chrono::steady_clock::now();
  auto history = demo::LoadDemoCases(*opened->second, seed, now);
  if (!history.ok()) return Fail(history.error());
  std::cerr << fmt::format(
      "stored {} closed cases of the past year ({} more items joined them, {} not contacted, "
      "{} contacted late) in {:.1f} s\n",
      history->cases, history->joined, history->not_contacted, history->late,
      std::chrono::duration<double>(std::chrono::steady_clock::now() - cases_started).count());
  const auto actions_started = std::chrono::steady_clock::now();
  auto plans = demo::LoadDemoActions(*opened->second, seed, now);
  if (!plans.ok()) return Fail(plans.error());
  std::cerr << fmt::format(
      "stored {} action plans of the past year ({} proposed, {} decided, {} in progress, {} done; {} items "
      "linked, {} closed, {} merged; customers told: {} by mail, {} by a colleague, {} nobody) in {:.1f} s\n",
      plans->plans, plans->proposed, plans->decided, plans->in_progress, plans->done, plans->linked, plans->closed,
      plans->merged, plans->mails, plans->colleague, plans->nobody,
      std::chrono::duration<double>(std::chrono::steady_clock::now() - actions_started).count());
  std::cout << "Demo users (password " << (generated ? "generated: " : "as given: ") << user_password << "):\n";
  for (const auto& u : demo::kDemoUsers) std::cout << "  " << u.email << "  (" << u.role << ")\n";
  return 0;
}

int TextReanalyzeCommand(const std::string& db_url) {
  auto opened = Open(db_url);
  if (!opened.ok()) return Fail(opened.error());
  SystemClock clock;
  db::ConnectionPool pool(*opened->first, 2);
  text::TextAnalyzer analyzer;
  auto synced = topics::SyncAnalyzer(*opened->second, analyzer);
  if (!synced.ok()) return Fail(synced.error());
  auto run_id = topics::StartReanalysis(*opened->second, analyzer.revision(), std::nullopt, clock.Now());
  if (!run_id.ok()) return Fail(run_id.error());
  (void)Audit(*opened->second, {0, clock.Now(), "cli", "topics.reanalysis_started", "feedback",
                                fmt::format("run {} with taxonomy revision {}", *run_id, analyzer.revision()), ""});
  const bool terminal = isatty(STDERR_FILENO);
  const auto started = std::chrono::steady_clock::now();
  db::GroupCommitWriter writer(*opened->first);
  std::int64_t reported = -1;
  while (true) {
    auto run = topics::ReanalyseBatch(pool, writer, analyzer, clock);
    if (!run.ok()) return Fail(run.error());
    if (!*run || (*run)->id != *run_id) {
      std::cerr << "\nklantstem: the run was ended by a newer one (the taxonomy changed); that one goes on\n";
      return 1;
    }
    const topics::ReanalysisRun& r = **run;
    const std::int64_t total = std::max(r.total, r.done);
    const std::int64_t percent = total == 0 ? 100 : r.done * 100 / total;
    if (terminal) {
      std::cerr << fmt::format("\rre-analysed {}/{} texts ({}%)", r.done, total, percent);
    } else if (percent / 10 != reported / 10) {
      std::cerr << fmt::format("re-analysed {}/{} texts ({}%)\n", r.done, total, percent);
      reported = percent;
    }
    if (r.finished_at) break;
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (terminal) std::cerr << "\n";
  auto latest = topics::LatestReanalysis(*opened->second);
  const std::int64_t done = latest.ok() && *latest ? (*latest)->done : 0;
  std::cerr << fmt::format("re-analysed {} texts with taxonomy revision {} in {:.1f} s\n", done, analyzer.revision(),
                           seconds);
  return 0;
}

}  // namespace ks
