#include "feedback/feedback_import.h"

#include <gtest/gtest.h>

#include <sstream>

#include "base/time.h"

namespace ks {
namespace {

const Micros kNow = *ParseRfc3339("2026-11-22T12:00:00Z");

TEST(CsvRecordTest, QuotesEscapesAndNewlines) {
  std::istringstream in("a,\"b,c\",\"say \"\"hi\"\"\"\r\n\"multi\nline\",x,\n");
  std::vector<std::string> fields;
  size_t lines = 0;
  ASSERT_TRUE(ReadCsvRecord(in, fields, lines));
  EXPECT_EQ(fields, (std::vector<std::string>{"a", "b,c", "say \"hi\""}));
  ASSERT_TRUE(ReadCsvRecord(in, fields, lines));
  EXPECT_EQ(fields, (std::vector<std::string>{"multi\nline", "x", ""}));
  EXPECT_EQ(lines, 3u);
  EXPECT_FALSE(ReadCsvRecord(in, fields, lines));
}

TEST(ParseImportTest, CsvWithMappingAndConstants) {
  std::istringstream in(
      "Bron,kanaal,Cijfer,Toelichting,klant\n"
      "survey,email,4,\"Te laat, en onvriendelijk\",C-1\n"
      "survey,sms,9,Top,C-2\n");
  ImportOptions options{"csv",
                        {{"Bron", "source"},
                         {"kanaal", "channel"},
                         {"Cijfer", "score.value"},
                         {"Toelichting", "text"},
                         {"klant", "customer.external_ref"}},
                        {{"score.scale", "grade10"}, {"language", "nl"}}};
  const auto parsed = ParseImport(in, options, kNow, {});
  ASSERT_TRUE(parsed.errors.empty()) << parsed.errors[0].message;
  ASSERT_EQ(parsed.items.size(), 2u);
  EXPECT_EQ(parsed.items[0].score->value, 4);
  EXPECT_EQ(parsed.items[0].score->scale, Scale::kGrade10);
  EXPECT_EQ(parsed.items[0].text, "Te laat, en onvriendelijk");
  EXPECT_EQ(parsed.items[1].customer->external_ref, "C-2");
  EXPECT_EQ(parsed.lines, (std::vector<size_t>{2, 3}));
}

TEST(ParseImportTest, ReportsEveryBadRowWithItsLine) {
  struct Case {
    std::string format, text;
    std::vector<size_t> bad_lines;
  };
  const std::vector<Case> cases = {
      {"jsonl",
       "{\"source\":\"survey\",\"channel\":\"web\",\"text\":\"ok\"}\n"
       "{not json\n"
       "\n"
       "{\"source\":\"survey\",\"channel\":\"web\",\"score\":{\"value\":11,\"scale\":\"nps\"}}\n",
       {2, 4}},
      {"csv", "source,channel,score.value,score.scale\nsurvey,web,x,nps\nsurvey,web,5\nsurvey,web,5,nps\n", {2, 3}},
      {"csv", "", {1}},
  };
  for (const auto& c : cases) {
    std::istringstream in(c.text);
    const auto parsed = ParseImport(in, {c.format, {}, {}}, kNow, {});
    std::vector<size_t> lines;
    for (const auto& e : parsed.errors) lines.push_back(e.line);
    EXPECT_EQ(lines, c.bad_lines) << c.text;
  }
}

}  // namespace
}  // namespace ks
