#include "topics/taxonomy_store.h"

namespace ks::topics {

Result<StoredTaxonomy> LoadTaxonomy(db::Connection& c) {
  KS_ASSIGN_OR_RETURN(auto rows, c.Query(R"(
SELECT t.revision, t.definition, t.created_at, COALESCE(u.name, u.email, '')
FROM topic_taxonomies t LEFT JOIN users u ON u.id = t.created_by
ORDER BY t.revision DESC LIMIT 1)"));
  if (rows.empty()) return StoredTaxonomy{text::DefaultTaxonomy(), 0, 0, ""};
  const auto& r = rows.rows[0];
  auto parsed = text::ParseTaxonomy(db::AsText(r[1]));
  if (!parsed.ok()) {
    return Error::Internal("stored topic taxonomy revision " + std::to_string(db::AsInt(r[0])) +
                           " does not parse: " + parsed.error().ToString());
  }
  return StoredTaxonomy{std::move(parsed).value(), db::AsInt(r[0]), db::AsInt(r[2]), db::AsText(r[3])};
}

Result<std::int64_t> CurrentTaxonomyRevision(db::Connection& c) {
  KS_ASSIGN_OR_RETURN(auto rows, c.Query("SELECT COALESCE(MAX(revision), 0) FROM topic_taxonomies"));
  return db::AsInt(rows.rows.at(0)[0]);
}

Result<std::int64_t> SaveTaxonomy(db::Connection& c, const text::Taxonomy& taxonomy, std::optional<std::int64_t> user,
                                  Micros now) {
  KS_ASSIGN_OR_RETURN(auto rows,
                      c.Query(R"(
INSERT INTO topic_taxonomies (revision, definition, created_by, created_at)
VALUES ((SELECT COALESCE(MAX(revision), 0) + 1 FROM topic_taxonomies), $1, $2, $3)
RETURNING revision)",
                              {text::TaxonomyToJson(taxonomy), user ? db::Value(*user) : db::Value(nullptr), now}));
  return db::AsInt(rows.rows.at(0)[0]);
}

Result<bool> SyncAnalyzer(db::Connection& c, text::TextAnalyzer& analyzer) {
  KS_ASSIGN_OR_RETURN(std::int64_t revision, CurrentTaxonomyRevision(c));
  if (revision == analyzer.revision()) return false;
  KS_ASSIGN_OR_RETURN(StoredTaxonomy stored, LoadTaxonomy(c));
  analyzer.SetTaxonomy(stored.taxonomy, stored.revision);
  return true;
}

}  // namespace ks::topics
