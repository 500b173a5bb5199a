#include "surveys/answer_service.h"

#include <fmt/format.h>

#include <algorithm>

#include "base/strings.h"
#include "feedback/text_columns.h"
#include "text/search_terms.h"

namespace ks::surveys {
namespace {

using db::Value;

constexpr size_t kMaxAnswerText = 5000;

std::optional<int> SmallInt(const std::string& s) {
  if (s.empty() || s.size() > 2 || !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return std::nullopt;
  }
  return std::stoi(s);
}

std::string Field(const std::map<std::string, std::string>& form, const std::string& key) {
  const auto it = form.find(key);
  return it == form.end() ? std::string() : it->second;
}

}  // namespace

Result<Answer> ParseAnswerForm(const SurveyDefinition& survey, const std::map<std::string, std::string>& form,
                               bool details) {
  Answer a;
  a.details = details;
  const std::string score = Field(form, "score");
  const auto value = SmallInt(score);
  if (!value || !InScale(survey.scale, *value)) {
    return Error::Invalid("score", "choose a score from " + std::to_string(ScaleMin(survey.scale)) + " to " +
                                       std::to_string(ScaleMax(survey.scale)));
  }
  a.score = *value;
  if (!details) return a;
  a.text = std::string(Trim(Field(form, "text")));
  if (!IsValidUtf8(a.text) || CodePointCount(a.text) > kMaxAnswerText) {
    return Error::Invalid("text", "the answer may be at most 5,000 characters");
  }
  for (const auto& driver : survey.drivers) {
    const std::string given = Field(form, "d_" + driver.key);
    if (given.empty()) continue;
    const auto rating = SmallInt(given);
    if (!rating || *rating < 1 || *rating > driver.max) {
      return Error::Invalid("d_" + driver.key, "rate from 1 to " + std::to_string(driver.max));
    }
    a.ratings[driver.key] = std::to_string(*rating);
  }
  for (const auto& choice : survey.choices) {
    const std::string given = Field(form, "c_" + choice.key);
    if (given.empty()) continue;
    const bool known = std::any_of(choice.options.begin(), choice.options.end(),
                                   [&given](const ChoiceOption& o) { return o.key == given; });
    if (!known) return Error::Invalid("c_" + choice.key, "'" + given + "' is not one of the options");
    a.ratings[choice.key] = given;
  }
  const std::string consent = Field(form, "consent");
  if (consent == "yes" || consent == "no") {
    a.consent = consent == "yes";
  } else if (!consent.empty()) {
    return Error::Invalid("consent", "answer yes or no");
  }
  return a;
}

std::vector<db::Statement> AnswerStatements(const AnswerTarget& t, const SurveyDefinition& survey, const Answer& a,
                                            const text::TextAnalysis* analysis, std::int64_t text_revision,
                                            Micros now) {
  const Mood mood = MoodOf(survey.scale, a.score);
  std::vector<db::Statement> out;
  // The score alone leaves text and search_text as they are: naming search_text in the update would
  // rewrite the item's full-text index entry (a trigger) for nothing.
  std::string update =
      "score_value = excluded.score_value, score_scale = excluded.score_scale, score_class = excluded.score_class, "
      "language = excluded.language";
  // The text and what its analysis found; the score alone keeps them.
  if (a.details) {
    update += ", text = excluded.text, search_text = excluded.search_text";
    for (const char* column : {"sentiment", "sentiment_label", "topics", "topic_sentiments", "key_phrases",
                               "language_confidence", "text_revision", "language_detected"}) {
      update += fmt::format(", {0} = excluded.{0}", column);
    }
  }
  std::vector<Value> values = {t.channel,
                               t.customer_ref.empty() ? Value(nullptr) : Value(t.customer_ref),
                               t.unit.empty() ? Value(nullptr) : Value(t.unit),
                               std::int64_t{a.score},
                               std::string(ScaleName(survey.scale)),
                               std::string(MoodName(mood)),
                               a.text.empty() ? Value(nullptr) : Value(a.text),
                               now,
                               t.idempotency_key,
                               text::SearchStems(a.text, a.language),
                               t.survey_id,
                               std::int64_t{t.survey_version}};
  for (Value& v : TextColumnValues(analysis, a.language, text_revision)) values.push_back(std::move(v));
  out.push_back({fmt::format(R"(
INSERT INTO feedback (source, channel, customer_id, unit_id, brand, score_value, score_scale, score_class, text,
                      received_at, attributes, idempotency_key, search_text, created_at, survey_id, survey_version,
                      {})
VALUES ('survey', $1, (SELECT id FROM customers WHERE external_ref = $2), (SELECT id FROM units WHERE code = $3), 'own',
        $4, $5, $6, $7, $8, '{{}}', $9, $10, $8, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)
ON CONFLICT (idempotency_key) DO UPDATE SET {} RETURNING id)",
                             kTextColumnNames, update),
                 std::move(values)});
  const std::string item = "(SELECT id FROM feedback WHERE idempotency_key = $1)";
  if (a.details) {
    out.push_back({"DELETE FROM feedback_answers WHERE feedback_id = " + item, {t.idempotency_key}});
    for (const auto& [question, value] : a.ratings) {
      out.push_back({"INSERT INTO feedback_answers (feedback_id, question, value) VALUES (" + item + ", $2, $3)",
                     {t.idempotency_key, question, value}});
    }
    if (a.consent && !t.customer_ref.empty()) {
      out.push_back({"UPDATE customers SET consent_contact = $2, updated_at = $3 WHERE external_ref = $1",
                     {t.customer_ref, std::int64_t{*a.consent}, now}});
    }
  }
  if (t.invitation_id && !t.invitation_answered) {
    out.push_back(
        {"UPDATE invitations SET answered_at = COALESCE(answered_at, $2), opened_at = COALESCE(opened_at, "
         "$2), feedback_id = " +
             item + " WHERE id = $3",
         {t.idempotency_key, now, *t.invitation_id}});
  }
  return out;
}

void AnswerService::Record(const AnswerTarget& target, const SurveyDefinition& survey, const Answer& answer,
                           std::function<void(Result<std::int64_t>)> done) {
  std::optional<text::TextAnalysis> analysis;
  if (answer.details && !answer.text.empty()) analysis = analyzer_.Analyze(answer.text, answer.language);
  writer_.Submit(
      AnswerStatements(target, survey, answer, analysis ? &*analysis : nullptr, analyzer_.revision(), clock_.Now()),
      [done = std::move(done)](const Result<std::vector<db::Rows>>& result) {
        if (!result.ok()) return done(result.error());
        done(db::AsInt(result.value()[0].rows.at(0)[0]));
      });
}

}  // namespace ks::surveys
