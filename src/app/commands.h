// The CLI subcommands other than serve. Each opens the database named by --db, migrates it, does its
// work and returns the process exit code; messages for people go to stderr, data to stdout.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "feedback/feedback_import.h"

namespace ks {

int MigrateCommand(const std::string& db_url);
int ApiKeyCreateCommand(const std::string& db_url, const std::string& name, const std::string& scopes);
int ApiKeyListCommand(const std::string& db_url);
int ApiKeyRevokeCommand(const std::string& db_url, const std::string& prefix_or_id);
int ImportCommand(const std::string& db_url, const std::string& path, const ImportOptions& options, bool dry_run);
int ExportCommand(const std::string& db_url, const std::string& format,
                  const std::multimap<std::string, std::string>& filters);
// Loads the demo organisation and its users; with an empty `user_password` one is generated and
// printed (the users' e-mail addresses are printed either way).
int DemoCommand(const std::string& db_url, int customers, int feedback, std::uint64_t seed, std::string user_password);
// Re-analyses every stored feedback text with the current taxonomy (after a taxonomy change, or after an
// upgrade that changed the lexicons), in batches, with progress on stderr. A running server goes on
// ingesting meanwhile; an interrupted run is continued by the next one or by a server.
int TextReanalyzeCommand(const std::string& db_url);

}  // namespace ks
