#include "surveys/survey_store.h"

namespace ks::surveys {
namespace {

constexpr std::string_view kSelect =
    "SELECT s.id, s.slug, s.name, s.version, s.active, s.created_at, s.updated_at, v.definition FROM surveys s "
    "JOIN survey_versions v ON v.survey_id = s.id AND v.version = s.version";

Result<Survey> RowToSurvey(const std::vector<db::Value>& r) {
  Survey s;
  s.id = db::AsInt(r[0]);
  s.slug = db::AsText(r[1]);
  s.name = db::AsText(r[2]);
  s.version = static_cast<int>(db::AsInt(r[3]));
  s.active = db::AsInt(r[4]) != 0;
  s.created_at = db::AsInt(r[5]);
  s.updated_at = db::AsInt(r[6]);
  KS_ASSIGN_OR_RETURN(s.definition, DefinitionFromText(db::AsText(r[7])));
  return s;
}

}  // namespace

Result<std::vector<Survey>> ListSurveys(db::Connection& c) {
  KS_ASSIGN_OR_RETURN(db::Rows rows, c.Query(std::string(kSelect) + " ORDER BY s.name, s.id"));
  std::vector<Survey> out;
  for (const auto& r : rows.rows) {
    KS_ASSIGN_OR_RETURN(Survey s, RowToSurvey(r));
    out.push_back(std::move(s));
  }
  return out;
}

Result<Survey> GetSurvey(db::Connection& c, const std::string& slug) {
  KS_ASSIGN_OR_RETURN(db::Rows rows, c.Query(std::string(kSelect) + " WHERE s.slug = $1", {slug}));
  if (rows.empty()) return Error::NotFound("no survey with slug '" + slug + "'");
  return RowToSurvey(rows.rows[0]);
}

Result<SurveyDefinition> GetSurveyVersion(db::Connection& c, std::int64_t survey_id, int version) {
  KS_ASSIGN_OR_RETURN(db::Rows rows, c.Query("SELECT definition FROM survey_versions WHERE survey_id = $1 AND "
                                             "version = $2",
                                             {survey_id, std::int64_t{version}}));
  if (rows.empty()) return Error::NotFound("survey version " + std::to_string(version) + " does not exist");
  return DefinitionFromText(db::AsText(rows.rows[0][0]));
}

Result<Survey> CreateSurvey(db::Connection& c, const Survey& survey, Micros now) {
  const std::string definition = DefinitionToJson(survey.definition).dump();
  auto rows = c.Transact({{"INSERT INTO surveys (slug, name, version, active, created_at, updated_at) "
                           "VALUES ($1, $2, 1, $3, $4, $4) ON CONFLICT (slug) DO NOTHING RETURNING id",
                           {survey.slug, survey.name, std::int64_t{survey.active}, now}},
                          {"INSERT INTO survey_versions (survey_id, version, definition, created_at) "
                           "SELECT id, 1, $2, $3 FROM surveys WHERE slug = $1 AND created_at = $3 "
                           "ON CONFLICT DO NOTHING",
                           {survey.slug, definition, now}}});
  if (!rows.ok()) return rows.error();
  if ((*rows)[0].empty()) return Error::Conflict("a survey with slug '" + survey.slug + "' exists already");
  return GetSurvey(c, survey.slug);
}

Result<Survey> UpdateSurvey(db::Connection& c, const std::string& slug, const Survey& survey, Micros now) {
  KS_RETURN_IF_ERROR(c.BeginWrite());
  auto result = [&]() -> Result<void> {
    KS_ASSIGN_OR_RETURN(Survey current, GetSurvey(c, slug));
    KS_ASSIGN_OR_RETURN(db::Rows used, c.Query("SELECT 1 WHERE EXISTS (SELECT 1 FROM invitations WHERE survey_id = $1 "
                                               "AND survey_version = $2) OR EXISTS (SELECT 1 FROM feedback WHERE "
                                               "survey_id = $1 AND survey_version = $2)",
                                               {current.id, std::int64_t{current.version}}));
    const std::string definition = DefinitionToJson(survey.definition).dump();
    const std::int64_t version = current.version + (used.empty() ? 0 : 1);
    // created_at changes with every write, so caches keyed by it see an overwritten version as new.
    KS_RETURN_IF_ERROR(
        c.Exec("INSERT INTO survey_versions (survey_id, version, definition, created_at) VALUES ($1, $2, $3, $4) "
               "ON CONFLICT (survey_id, version) DO UPDATE SET definition = excluded.definition, created_at = "
               "excluded.created_at",
               {current.id, version, definition, now}));
    return c.Exec("UPDATE surveys SET name = $2, active = $3, version = $4, updated_at = $5 WHERE id = $1",
                  {current.id, survey.name, std::int64_t{survey.active}, version, now});
  }();
  if (!result.ok()) {
    (void)c.Rollback();
    return result.error();
  }
  KS_RETURN_IF_ERROR(c.Commit());
  return GetSurvey(c, slug);
}

}  // namespace ks::surveys
