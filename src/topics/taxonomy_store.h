// The organisation's topic taxonomy in the database (table topic_taxonomies): every saved version is
// kept with who saved it; the highest revision is current, and none saved means the built-in default
// (revision 0). Stateless; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "base/clock.h"
#include "db/database.h"
#include "text/analyzer.h"
#include "text/taxonomy.h"

namespace ks::topics {

struct StoredTaxonomy {
  text::Taxonomy taxonomy;
  std::int64_t revision = 0;  // 0: the built-in default
  Micros saved_at = 0;
  std::string saved_by;  // the user's name or e-mail address; empty for the default or the CLI
};

// The current taxonomy. A stored definition that no longer parses (a newer build's format) is an error.
Result<StoredTaxonomy> LoadTaxonomy(db::Connection& c);

// The current revision only (cheap; for nodes that poll for changes).
Result<std::int64_t> CurrentTaxonomyRevision(db::Connection& c);

// Saves `taxonomy` as the next revision and returns it.
Result<std::int64_t> SaveTaxonomy(db::Connection& c, const text::Taxonomy& taxonomy, std::optional<std::int64_t> user,
                                  Micros now);

// Brings `analyzer` to the current taxonomy when its revision differs. Returns whether it changed.
Result<bool> SyncAnalyzer(db::Connection& c, text::TextAnalyzer& analyzer);

}  // namespace ks::topics
