// SQL for surveys and their versions. A survey's definition is stored per version; editing a survey
// whose current version already has invitations or answers writes a new version, so every answer
// keeps the questions it answered. Stateless; thread-safe.
#pragma once

#include <vector>

#include "db/database.h"
#include "surveys/survey.h"

namespace ks::surveys {

// Every survey with its current version, by name.
Result<std::vector<Survey>> ListSurveys(db::Connection& c);
// kNotFound when no survey has `slug`.
Result<Survey> GetSurvey(db::Connection& c, const std::string& slug);
// A survey's definition at `version`.
Result<SurveyDefinition> GetSurveyVersion(db::Connection& c, std::int64_t survey_id, int version);
// kConflict when the slug is taken.
Result<Survey> CreateSurvey(db::Connection& c, const Survey& survey, Micros now);
// Replaces the definition, name and active flag of the survey `slug` (its slug does not change);
// a new version when the current one is in use. kNotFound for an unknown slug.
Result<Survey> UpdateSurvey(db::Connection& c, const std::string& slug, const Survey& survey, Micros now);

}  // namespace ks::surveys
