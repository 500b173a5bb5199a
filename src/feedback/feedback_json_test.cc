#include "feedback/feedback_json.h"

#include <gtest/gtest.h>

#include "base/time.h"

namespace ks {
namespace {

using nlohmann::json;

const Micros kNow = *ParseRfc3339("2026-11-22T12:00:00Z");

TEST(ParseFeedbackJsonTest, AcceptsAFullItem) {
  const json item = json::parse(R"({"source":"survey","channel":"email",
    "customer":{"external_ref":"C-1","name":"Anna de Vries","email":"anna@example.nl"},
    "unit":"utrecht","brand":"own","score":{"value":7,"scale":"nps"},"text":"Prima service","language":"nl",
    "received_at":"2026-11-02T10:00:00Z","attributes":{"segment":"B2C","tier":2,"vip":true},
    "idempotency_key":"k-1"})");
  auto in = ParseFeedbackJson(item, kNow);
  ASSERT_TRUE(in.ok()) << in.error().ToString();
  EXPECT_EQ(in->source, "survey");
  EXPECT_EQ(in->customer->external_ref, "C-1");
  EXPECT_EQ(in->score->value, 7);
  EXPECT_EQ(in->score->mood(), Mood::kNeutral);
  EXPECT_EQ(FormatRfc3339(in->received_at), "2026-11-02T10:00:00Z");
  EXPECT_EQ(in->attributes.at("tier"), "2");
  EXPECT_EQ(in->attributes.at("vip"), "true");
  EXPECT_EQ(in->idempotency_key, "k-1");
}

TEST(ParseFeedbackJsonTest, DefaultsReceivedAtAndBrand) {
  auto in = ParseFeedbackJson(json::parse(R"({"source":"complaint","channel":"letter","text":"Te laat"})"), kNow);
  ASSERT_TRUE(in.ok());
  EXPECT_EQ(in->received_at, kNow);
  EXPECT_EQ(in->brand, "own");
  EXPECT_FALSE(in->score);
}

TEST(ParseFeedbackJsonTest, RejectsBadInputNamingTheField) {
  struct Case {
    std::string body;
    std::string field;
    std::string message_part;
  };
  const std::string long_text(20'001, 'a');
  const std::vector<Case> cases = {
      {R"([1,2])", "", "JSON object"},
      {R"({"channel":"email","text":"x"})", "source", "required"},
      {R"({"source":"rumour","channel":"email","text":"x"})", "source", "unknown source"},
      {R"({"source":"survey","text":"x"})", "channel", "required"},
      {R"({"source":"survey","channel":"E-Mail","text":"x"})", "channel", "lowercase"},
      {R"({"source":"survey","channel":"email"})", "score", "score, a text or both"},
      {R"({"source":"survey","channel":"email","score":{"value":11,"scale":"nps"}})", "score.value",
       "11 is outside 0..10 for scale nps"},
      {R"({"source":"survey","channel":"email","score":{"value":0,"scale":"grade10"}})", "score.value",
       "outside 1..10"},
      {R"({"source":"survey","channel":"email","score":{"value":6,"scale":"csat5"}})", "score.value", "outside 1..5"},
      {R"({"source":"survey","channel":"email","score":{"value":7.5,"scale":"nps"}})", "score.value", "whole number"},
      {R"({"source":"survey","channel":"email","score":{"value":"7","scale":"nps"}})", "score.value", "whole number"},
      {R"({"source":"survey","channel":"email","score":{"value":7,"scale":"nps10"}})", "score.scale", "unknown scale"},
      {R"({"source":"survey","channel":"email","score":{"value":7}})", "score.scale", "required"},
      {R"({"source":"survey","channel":"email","text":")" + long_text + R"("})", "text", "limit is 20000"},
      {R"({"source":"survey","channel":"email","text":"x","received_at":"gisteren"})", "received_at", "RFC 3339"},
      {R"({"source":"survey","channel":"email","text":"x","received_at":"2026-02-30T10:00:00Z"})", "received_at",
       "no such date"},
      {R"({"source":"survey","channel":"email","text":"x","received_at":"2027-01-01T00:00:00Z"})", "received_at",
       "future"},
      {R"({"source":"survey","channel":"email","text":"x","language":"dutch"})", "language", "characters long"},
      {R"({"source":"survey","channel":"email","text":"x","language":"NL"})", "language", "ISO 639-1"},
      {R"({"source":"survey","channel":"email","text":"x","customer":{"name":"A"}})", "customer.external_ref",
       "required"},
      {R"({"source":"survey","channel":"email","text":"x","customer":{"external_ref":"c","email":"nope"}})",
       "customer.email", "not an e-mail"},
      {R"({"source":"survey","channel":"email","text":"x","attributes":{"a":[1]}})", "attributes.a", "string, number"},
      {R"({"source":"survey","channel":"email","text":"x","scroe":5})", "scroe", "unknown field"},
      {R"({"source":"survey","channel":"email","text":42})", "text", "must be a string"},
  };
  for (const auto& c : cases) {
    auto in = ParseFeedbackJson(json::parse(c.body), kNow);
    ASSERT_FALSE(in.ok()) << c.body.substr(0, 100);
    EXPECT_EQ(in.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(in.error().field, c.field) << c.body.substr(0, 100);
    EXPECT_NE(in.error().message.find(c.message_part), std::string::npos)
        << c.body.substr(0, 100) << " → " << in.error().message;
  }
}

TEST(FeedbackToJsonTest, ShowsClassAndMood) {
  FeedbackItem item;
  item.id = 12;
  item.input.source = "survey";
  item.input.channel = "sms";
  item.input.score = Score{Scale::kGrade10, 5};
  item.input.received_at = kNow;
  item.created_at = kNow;
  const json out = FeedbackToJson(item);
  EXPECT_EQ(out["id"], 12);
  EXPECT_EQ(out["score"]["class"], "fail");
  EXPECT_EQ(out["score"]["mood"], "unhappy");
  EXPECT_TRUE(out["customer"].is_null());
  EXPECT_TRUE(out["unit"].is_null());
  EXPECT_EQ(out["received_at"], "2026-11-22T12:00:00Z");
}

}  // namespace
}  // namespace ks
