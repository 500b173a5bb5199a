// Survey answers become Feedback items (source "survey"): the score alone when a customer clicks it in
// the mail or on the first page (it counts even if they stop there), then the open answer, driver
// ratings, choices and consent. Every answer to one invitation (or one anonymous form) is an upsert of
// the same item, keyed by its idempotency key, so a second submission updates the answer instead of
// adding one. Written by the group-commit writer; `done` runs once the answer is durable.
// Thread-safe.
#pragma once

#include <functional>
#include <map>
#include <optional>

#include "db/group_commit_writer.h"
#include "surveys/survey.h"
#include "text/analyzer.h"

namespace ks::surveys {

// What an answer belongs to.
struct AnswerTarget {
  std::int64_t survey_id = 0;
  int survey_version = 1;
  std::string idempotency_key;                // "inv:<invitation id>" or "anon:<form nonce>"
  std::optional<std::int64_t> invitation_id;  // none for anonymous links
  bool invitation_answered = false;           // the invitation already records its answer (a later change)
  std::string customer_ref;                   // empty for anonymous links
  std::string unit;                           // unit code, may be empty
  std::string channel;                        // email, sms, qr, web
};

struct Answer {
  int score = 0;
  bool details = false;  // the second page was submitted (text, ratings, choices, consent)
  std::string text;
  std::map<std::string, std::string> ratings;  // driver or choice key → value
  std::optional<bool> consent;
  std::string language;
};

// Checks a submitted form against the survey: the score on its scale, ratings 1..max of known drivers,
// known choices, text up to 5,000 characters. kInvalidArgument names the field. `form` holds
// score, text, consent (yes/no), d_<driver key>, c_<choice key>.
Result<Answer> ParseAnswerForm(const SurveyDefinition& survey, const std::map<std::string, std::string>& form,
                               bool details);

// The statements that store `answer` for `target` (exposed for tests). `analysis` is what text analysis
// found in the answer's text (null when it has none), with the taxonomy revision it used.
std::vector<db::Statement> AnswerStatements(const AnswerTarget& target, const SurveyDefinition& survey,
                                            const Answer& answer, const text::TextAnalysis* analysis,
                                            std::int64_t text_revision, Micros now);

class AnswerService {
 public:
  AnswerService(db::GroupCommitWriter& writer, const text::TextAnalyzer& analyzer, const Clock& clock)
      : writer_(writer), analyzer_(analyzer), clock_(clock) {}
  void Record(const AnswerTarget& target, const SurveyDefinition& survey, const Answer& answer,
              std::function<void(Result<std::int64_t>)> done);  // the feedback item's id

 private:
  db::GroupCommitWriter& writer_;
  const text::TextAnalyzer& analyzer_;
  const Clock& clock_;
};

}  // namespace ks::surveys
