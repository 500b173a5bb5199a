// klantstem: the one binary (DESIGN §2). Subcommands: serve, migrate, demo, import, export, apikey, user,
// text, version.
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <iostream>

#include "app/commands.h"
#include "app/server_app.h"
#include "app/text_commands.h"
#include "app/user_commands.h"
#include "base/strings.h"

namespace {

std::string EnvOr(const char* name, std::string fallback) {
  const char* value = std::getenv(name);
  return value && *value ? std::string(value) : std::move(fallback);
}

// Splits "name=value" options (--map, --set, filters) into a map; false when one has no '='.
bool SplitAssignments(const std::vector<std::string>& list, std::map<std::string, std::string>& out) {
  for (const auto& item : list) {
    const auto eq = item.find('=');
    if (eq == std::string::npos || eq == 0) {
      std::cerr << "klantstem: '" << item << "' must be name=value\n";
      return false;
    }
    out[item.substr(0, eq)] = item.substr(eq + 1);
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"klantstem: a self-hosted, closed-loop customer feedback platform"};
  app.require_subcommand(1);
  std::string db_url = EnvOr("KLANTSTEM_DB", "sqlite:./data/klantstem.db");
  const auto add_db = [&db_url](CLI::App* command) {
    command->add_option("--db", db_url, "sqlite:PATH or postgresql://user@host:port/db (env KLANTSTEM_DB)")
        ->capture_default_str();
  };

  ks::ServeConfig serve_config;
  serve_config.db_url = db_url;
  serve_config.listen = EnvOr("KLANTSTEM_LISTEN", serve_config.listen);
  serve_config.threads = std::stoul(EnvOr("KLANTSTEM_THREADS", std::to_string(serve_config.threads)));
  serve_config.max_body_bytes = std::stoul(EnvOr("KLANTSTEM_MAX_BODY", std::to_string(serve_config.max_body_bytes)));
  auto* serve = app.add_subcommand("serve", "Serve the API and the web application");
  add_db(serve);
  serve->add_option("--listen", serve_config.listen, "HOST:PORT to listen on (env KLANTSTEM_LISTEN)")
      ->capture_default_str();
  serve->add_option("--threads", serve_config.threads, "HTTP threads (env KLANTSTEM_THREADS)")
      ->capture_default_str()
      ->check(CLI::Range(1, 256));
  serve_config.public_url = EnvOr("KLANTSTEM_PUBLIC_URL", "");
  serve_config.smtp_url = EnvOr("KLANTSTEM_SMTP_URL", "");
  serve_config.secure_cookies = EnvOr("KLANTSTEM_SECURE_COOKIES", "") == "1";
  serve->add_option("--public-url", serve_config.public_url,
                    "the address users reach klantstem at, for links in mails (env KLANTSTEM_PUBLIC_URL; default: "
                    "the Host of the request)");
  serve->add_option("--smtp", serve_config.smtp_url,
                    "smtp://user:password@host:port?starttls=1&from=klantstem@example.com (env KLANTSTEM_SMTP_URL; "
                    "without it mails wait in the outbox)");
  serve_config.sms_url = EnvOr("KLANTSTEM_SMS_URL", "");
  serve_config.sms_auth_header = EnvOr("KLANTSTEM_SMS_AUTH", "");
  serve_config.sms_body_template = EnvOr("KLANTSTEM_SMS_BODY", "");
  serve->add_option("--sms-url", serve_config.sms_url,
                    "the SMS provider's HTTP(S) endpoint, one JSON POST per message (env KLANTSTEM_SMS_URL; without "
                    "it SMS invitations are skipped)");
  serve->add_option("--sms-auth", serve_config.sms_auth_header,
                    "the Authorization header for the SMS provider, e.g. \"Bearer KEY\" (env KLANTSTEM_SMS_AUTH)");
  serve->add_option("--sms-body", serve_config.sms_body_template,
                    "the JSON body template with {{to}} and {{text}} (env KLANTSTEM_SMS_BODY; default "
                    "{\"to\":\"{{to}}\",\"text\":\"{{text}}\"})");
  serve->add_flag("--secure-cookies", serve_config.secure_cookies,
                  "mark session cookies Secure; use behind an HTTPS proxy (env KLANTSTEM_SECURE_COOKIES=1)");
  serve->add_option("--max-body", serve_config.max_body_bytes, "largest request body in bytes (env KLANTSTEM_MAX_BODY)")
      ->capture_default_str();

  auto* migrate = app.add_subcommand("migrate", "Create or upgrade the database schema");
  add_db(migrate);

  int demo_customers = 2000, demo_feedback = 50000;
  std::uint64_t demo_seed = 42;
  auto* demo = app.add_subcommand("demo", "Load a realistic demo organisation (deterministic from --seed)");
  add_db(demo);
  demo->add_option("--customers", demo_customers, "number of customers")
      ->capture_default_str()
      ->check(CLI::Range(10, 10'000'000));
  demo->add_option("--feedback", demo_feedback, "number of feedback items")
      ->capture_default_str()
      ->check(CLI::Range(100, 100'000'000));
  demo->add_option("--seed", demo_seed, "random seed")->capture_default_str();
  std::string demo_password = EnvOr("KLANTSTEM_DEMO_PASSWORD", "");
  demo->add_option("--user-password", demo_password,
                   "password of every demo user (env KLANTSTEM_DEMO_PASSWORD; default: generated and printed)");

  std::string import_path, import_format;
  std::vector<std::string> import_map, import_set;
  bool dry_run = false;
  auto* import = app.add_subcommand("import", "Import feedback from a JSON Lines or CSV file");
  add_db(import);
  import->add_option("file", import_path, "the file to import")->required();
  import->add_option("--format", import_format, "jsonl or csv (default: from the file name)")
      ->check(CLI::IsMember({"jsonl", "csv"}));
  import->add_option("--map", import_map, "CSV column=field, e.g. --map Cijfer=score.value");
  import->add_option("--set", import_set, "field=value for every row, e.g. --set score.scale=grade10");
  import->add_flag("--dry-run", dry_run, "validate every row, write nothing");

  std::string export_format = "jsonl";
  std::vector<std::string> export_filters;
  auto* export_command = app.add_subcommand("export", "Export feedback as JSON Lines or CSV to stdout");
  add_db(export_command);
  export_command->add_option("--format", export_format, "jsonl or csv")
      ->capture_default_str()
      ->check(CLI::IsMember({"jsonl", "csv"}));
  export_command->add_option("--filter", export_filters,
                             "name=value as the API's filters: from, to, unit, source, channel, brand, scale, class, "
                             "customer, q");

  auto* apikey = app.add_subcommand("apikey", "Create, list and revoke API keys");
  apikey->require_subcommand(1);
  std::string key_name, key_scopes = "feedback:write,feedback:read", key_id;
  auto* key_create = apikey->add_subcommand("create", "Create a key; prints it once on stdout");
  add_db(key_create);
  key_create->add_option("--name", key_name, "what uses the key")->required();
  key_create->add_option("--scopes", key_scopes, "feedback:write, feedback:read, admin (comma-separated)")
      ->capture_default_str();
  auto* key_list = apikey->add_subcommand("list", "List keys (never their secrets)");
  add_db(key_list);
  auto* key_revoke = apikey->add_subcommand("revoke", "Revoke a key by prefix or id");
  add_db(key_revoke);
  key_revoke->add_option("key", key_id, "prefix or id")->required();

  auto* user = app.add_subcommand("user", "Add, list, disable users and set their roles");
  user->require_subcommand(1);
  ks::UserAddOptions user_add;
  std::string user_role = "employee", user_email;
  auto* user_add_command =
      user->add_subcommand("add", "Add a user: with --password-stdin ready to log in, else invited");
  add_db(user_add_command);
  user_add_command->add_option("--email", user_add.user.email, "e-mail address (the login)")->required();
  user_add_command->add_option("--name", user_add.user.name, "full name")->required();
  user_add_command->add_option("--role", user_role, "admin, coordinator, executive, manager or employee")
      ->capture_default_str();
  user_add_command->add_option("--unit", user_add.user.unit_code, "unit code (a manager sees this unit and below)");
  user_add_command->add_option("--language", user_add.user.language, "nl or en")->capture_default_str();
  user_add_command->add_flag("--password-stdin", user_add.password_from_stdin,
                             "read the password from stdin instead of sending an invitation");
  user_add_command->add_option("--base-url", user_add.base_url, "where klantstem is reached, for the invitation link")
      ->capture_default_str();
  auto* user_list = user->add_subcommand("list", "List users");
  add_db(user_list);
  auto* user_disable = user->add_subcommand("disable", "Disable a user; their sessions end at once");
  add_db(user_disable);
  user_disable->add_option("email", user_email, "the user's e-mail address")->required();
  auto* user_set_role = user->add_subcommand("set-role", "Change a user's role");
  add_db(user_set_role);
  user_set_role->add_option("email", user_email, "the user's e-mail address")->required();
  user_set_role->add_option("role", user_role, "admin, coordinator, executive, manager or employee")->required();

  auto* text = app.add_subcommand("text", "Re-analyse stored feedback texts, or measure the text analysis");
  text->require_subcommand(1);
  std::string eval_data, eval_format, eval_taxonomy, eval_language;
  auto* text_eval = text->add_subcommand(
      "eval", "Evaluate sentiment and topics against labelled data (SemEval-2016 XML or TSV); prints a report");
  // Files and the format are checked by TextEvalCommand, which exits with 2 and says what was wrong.
  text_eval->add_option("--data", eval_data, "the labelled data file")->required();
  text_eval->add_option("--format", eval_format, "semeval or tsv")->required();
  text_eval->add_option("--taxonomy", eval_taxonomy, "a taxonomy JSON file (default: the built-in taxonomy)");
  text_eval->add_option("--language", eval_language,
                        "the data's language (nl, en, fr, de), used like a customer's for texts too short to tell");
  auto* text_reanalyze = text->add_subcommand(
      "reanalyze", "Re-analyse every stored feedback text with the current taxonomy (progress on stderr)");
  add_db(text_reanalyze);

  auto* version = app.add_subcommand("version", "Print the version");

  CLI11_PARSE(app, argc, argv);
  spdlog::set_default_logger(spdlog::stderr_color_mt("klantstem"));

  if (*serve) {
    serve_config.db_url = db_url;
    auto result = ks::RunServer(serve_config);
    if (!result.ok()) {
      std::cerr << "klantstem: " << result.error().ToString() << "\n";
      return 1;
    }
    return 0;
  }
  if (*migrate) return ks::MigrateCommand(db_url);
  if (*demo) return ks::DemoCommand(db_url, demo_customers, demo_feedback, demo_seed, demo_password);
  if (*import) {
    ks::ImportOptions options;
    options.format = import_format.empty() ? (import_path.ends_with(".csv") ? "csv" : "jsonl") : import_format;
    if (!SplitAssignments(import_map, options.column_map) || !SplitAssignments(import_set, options.constants)) return 2;
    return ks::ImportCommand(db_url, import_path, options, dry_run);
  }
  if (*export_command) {
    std::map<std::string, std::string> filters;
    if (!SplitAssignments(export_filters, filters)) return 2;
    return ks::ExportCommand(db_url, export_format, {filters.begin(), filters.end()});
  }
  if (*key_create) return ks::ApiKeyCreateCommand(db_url, key_name, key_scopes);
  if (*key_list) return ks::ApiKeyListCommand(db_url);
  if (*key_revoke) return ks::ApiKeyRevokeCommand(db_url, key_id);
  if (*user_add_command) {
    auto role = ks::ParseRole(user_role);
    if (!role.ok()) {
      std::cerr << "klantstem: " << role.error().ToString() << "\n";
      return 2;
    }
    user_add.user.role = *role;
    return ks::UserAddCommand(db_url, user_add, std::cin);
  }
  if (*user_list) return ks::UserListCommand(db_url);
  if (*user_disable) return ks::UserDisableCommand(db_url, user_email);
  if (*user_set_role) return ks::UserSetRoleCommand(db_url, user_email, user_role);
  if (*text_eval) return ks::TextEvalCommand(eval_data, eval_format, eval_taxonomy, eval_language);
  if (*text_reanalyze) return ks::TextReanalyzeCommand(db_url);
  if (*version) {
    std::cout << "klantstem " << KLANTSTEM_VERSION << "\n";
    return 0;
  }
  return 0;
}
