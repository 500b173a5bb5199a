// The pure parts of coordinator triage: how themes and closing reasons are normalised and checked, and
// how the bulk form of the triage page is read (operations, selected items, each operation's values).
#include "actions/triage.h"

#include <gtest/gtest.h>

namespace ks::actions {
namespace {

struct ThemeCase {
  const char* name;
  std::string in;
  std::string want;  // empty: refused
  std::string why;   // part of the message when refused
};

// The test's name in listings, not its bytes.
void PrintTo(const ThemeCase& c, std::ostream* os) { *os << c.name; }

class NormaliseThemeTest : public ::testing::TestWithParam<ThemeCase> {};

TEST_P(NormaliseThemeTest, Normalises) {
  const ThemeCase& c = GetParam();
  auto got = NormaliseTheme(c.in);
  if (c.want.empty()) {
    ASSERT_FALSE(got.ok()) << *got;
    EXPECT_EQ(got.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(got.error().field, "theme");
    EXPECT_NE(got.error().message.find(c.why), std::string::npos) << got.error().message;
  } else {
    ASSERT_TRUE(got.ok()) << got.error().ToString();
    EXPECT_EQ(*got, c.want);
  }
}

INSTANTIATE_TEST_SUITE_P(Table, NormaliseThemeTest,
                         ::testing::Values(ThemeCase{"Plain", "delivery", "delivery", ""},
                                           ThemeCase{"LowerCased", "Delivery TIME", "delivery time", ""},
                                           ThemeCase{"Trimmed", "  wachttijd \t", "wachttijd", ""},
                                           ThemeCase{"InnerSpaceCollapsed", "opening \t\n  hours", "opening hours", ""},
                                           ThemeCase{"Latin1LowerCased", "ÉÉN KLANTREIS Ü", "één klantreis ü", ""},
                                           ThemeCase{"TimesSignKept", "2×2", "2×2", ""},
                                           ThemeCase{"OtherScriptsKept", "доставка", "доставка", ""},
                                           ThemeCase{"FortyBytes", std::string(40, 'a'), std::string(40, 'a'), ""},
                                           ThemeCase{"FortyOneBytes", std::string(41, 'a'), "", "longer than 40 bytes"},
                                           ThemeCase{"FortyBytesAfterTrimming", "  " + std::string(40, 'B') + "  ",
                                                     std::string(40, 'b'), ""},
                                           ThemeCase{"Empty", "", "", "required"},
                                           ThemeCase{"OnlySpace", " \t ", "", "required"},
                                           ThemeCase{"Comma", "price, quality", "", "comma"},
                                           ThemeCase{"ControlCharacter", std::string("a\x01") + "b", "", "control"},
                                           ThemeCase{"Delete", std::string("a\x7f"), "", "control"},
                                           ThemeCase{"InvalidUtf8", std::string("caf\xc3"), "", "UTF-8"}),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(NormaliseThemesTest, SplitsOnCommasDropsEmptiesAndRepeats) {
  auto got = NormaliseThemes(" Delivery, price ,,delivery,PRICE , opening  hours,");
  ASSERT_TRUE(got.ok()) << got.error().ToString();
  EXPECT_EQ(*got, (std::vector<std::string>{"delivery", "price", "opening hours"}));
}

TEST(NormaliseThemesTest, RefusesNoneTooManyAndABadOne) {
  for (const char* empty : {"", " , ,", ","}) {
    auto got = NormaliseThemes(empty);
    ASSERT_FALSE(got.ok()) << empty;
    EXPECT_EQ(got.error().field, "theme");
  }
  std::string eleven;
  for (int i = 0; i < 11; ++i) eleven += "t" + std::to_string(i) + ",";
  auto many = NormaliseThemes(eleven);
  ASSERT_FALSE(many.ok());
  EXPECT_NE(many.error().message.find("at most 10"), std::string::npos);
  auto long_one = NormaliseThemes("ok, " + std::string(41, 'x'));
  ASSERT_FALSE(long_one.ok());
  EXPECT_EQ(long_one.error().field, "theme");
}

TEST(CheckCloseReasonTest, TrimsAndBoundsTheReason) {
  struct Case {
    std::string in;
    bool ok;
    std::string want;
  };
  const Case cases[] = {
      {"  a one-off: the driver was ill  ", true, "a one-off: the driver was ill"},
      {"x", true, "x"},
      {std::string(500, 'r'), true, std::string(500, 'r')},
      {" " + std::string(500, 'r') + "\n", true, std::string(500, 'r')},
      {std::string(501, 'r'), false, ""},
      {"", false, ""},
      {" \n\t", false, ""},
      {std::string("bad \xff"), false, ""},
  };
  for (const auto& c : cases) {
    auto got = CheckCloseReason(c.in);
    EXPECT_EQ(got.ok(), c.ok) << c.in;
    if (got.ok()) {
      EXPECT_EQ(*got, c.want);
    } else {
      EXPECT_EQ(got.error().field, "reason");
    }
  }
}

TEST(TriageOpTest, NamesRoundTrip) {
  for (TriageOp op : kTriageOps) {
    const auto back = ParseTriageOp(TriageOpName(op));
    ASSERT_TRUE(back.has_value()) << TriageOpName(op);
    EXPECT_EQ(*back, op);
  }
  EXPECT_FALSE(ParseTriageOp("delete").has_value());
  EXPECT_FALSE(ParseTriageOp("").has_value());
  EXPECT_FALSE(ParseTriageOp("Close").has_value());
}

// ---- the bulk form

FormFields Form(std::initializer_list<std::pair<const std::string, std::string>> fields) { return FormFields(fields); }

struct FormCase {
  const char* name;
  FormFields form;
  std::string error_field;  // empty: accepted
};

void PrintTo(const FormCase& c, std::ostream* os) { *os << c.name; }

class ParseTriageFormTest : public ::testing::TestWithParam<FormCase> {};

TEST_P(ParseTriageFormTest, AcceptsOrNamesTheField) {
  const FormCase& c = GetParam();
  auto got = ParseTriageForm(c.form);
  if (c.error_field.empty()) {
    EXPECT_TRUE(got.ok()) << got.error().ToString();
  } else {
    ASSERT_FALSE(got.ok());
    EXPECT_EQ(got.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(got.error().field, c.error_field) << got.error().message;
    EXPECT_FALSE(got.error().message.empty());
  }
}

INSTANTIATE_TEST_SUITE_P(
    Table, ParseTriageFormTest,
    ::testing::Values(
        FormCase{"Close", Form({{"op", "close"}, {"ids", "3"}, {"ids", "4"}, {"reason", "one-off"}}), ""},
        FormCase{"NoOp", Form({{"ids", "3"}, {"reason", "one-off"}}), "op"},
        FormCase{"EmptyOp", Form({{"op", " "}, {"ids", "3"}}), "op"},
        FormCase{"UnknownOp", Form({{"op", "delete"}, {"ids", "3"}}), "op"},
        FormCase{"NoIds", Form({{"op", "close"}, {"reason", "r"}}), "ids"},
        FormCase{"BadId", Form({{"op", "close"}, {"ids", "3"}, {"ids", "x7"}, {"reason", "r"}}), "ids[1]"},
        FormCase{"ZeroId", Form({{"op", "close"}, {"ids", "0"}, {"reason", "r"}}), "ids[0]"},
        FormCase{"NegativeId", Form({{"op", "close"}, {"ids", "-2"}, {"reason", "r"}}), "ids[0]"},
        FormCase{"HugeId", Form({{"op", "close"}, {"ids", "99999999999999999999"}, {"reason", "r"}}), "ids[0]"},
        FormCase{"CloseWithoutReason", Form({{"op", "close"}, {"ids", "3"}}), "reason"},
        FormCase{"CloseReasonTooLong", Form({{"op", "close"}, {"ids", "3"}, {"reason", std::string(501, 'x')}}),
                 "reason"},
        FormCase{"Link", Form({{"op", "link"}, {"ids", "3"}, {"action_id", "12"}}), ""},
        FormCase{"LinkWithoutPlan", Form({{"op", "link"}, {"ids", "3"}, {"action_id", ""}}), "action_id"},
        FormCase{"LinkBadPlan", Form({{"op", "link"}, {"ids", "3"}, {"action_id", "twelve"}}), "action_id"},
        FormCase{"Create", Form({{"op", "create"}, {"ids", "3"}, {"title", "Faster deliveries"}}), ""},
        FormCase{"CreateWithoutTitle", Form({{"op", "create"}, {"ids", "3"}, {"title", "  "}}), "title"},
        FormCase{"Merge", Form({{"op", "merge"}, {"ids", "3"}, {"ids", "4"}, {"into", "3"}}), ""},
        FormCase{"MergeWithoutInto", Form({{"op", "merge"}, {"ids", "3"}, {"ids", "4"}}), "into"},
        FormCase{"MergeBadInto", Form({{"op", "merge"}, {"ids", "3"}, {"into", "#3"}}), "into"},
        FormCase{"Tag", Form({{"op", "tag"}, {"ids", "3"}, {"theme", "Delivery, price"}}), ""},
        FormCase{"TagWithoutTheme", Form({{"op", "tag"}, {"ids", "3"}}), "theme"},
        FormCase{"UntagLongTheme", Form({{"op", "untag"}, {"ids", "3"}, {"theme", std::string(41, 't')}}), "theme"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(ParseTriageFormTest, KeepsTheIdsInOrderWithoutRepeats) {
  auto got = ParseTriageForm(
      Form({{"op", "close"}, {"ids", "7"}, {"ids", " 3 "}, {"ids", "7"}, {"ids", "5"}, {"reason", "  dup  "}}));
  ASSERT_TRUE(got.ok()) << got.error().ToString();
  EXPECT_EQ(got->op, TriageOp::kClose);
  EXPECT_EQ(got->ids, (std::vector<std::int64_t>{7, 3, 5}));
  EXPECT_EQ(got->reason, "dup");
}

TEST(ParseTriageFormTest, TooManyItemsAtOnceAreRefused) {
  FormFields form{{"op", "close"}, {"reason", "r"}};
  for (size_t i = 1; i <= kMaxBulkItems + 1; ++i) form.emplace("ids", std::to_string(i));
  auto got = ParseTriageForm(form);
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.error().field, "ids");
  form.erase(form.find("ids"));
  EXPECT_TRUE(ParseTriageForm(form).ok());
}

TEST(ParseTriageFormTest, TheKeptItemMayBeSelectedToo) {
  auto got = ParseTriageForm(Form({{"op", "merge"}, {"ids", "4"}, {"ids", "3"}, {"ids", "5"}, {"into", "3"}}));
  ASSERT_TRUE(got.ok()) << got.error().ToString();
  EXPECT_EQ(got->into, 3);
  EXPECT_EQ(got->ids, (std::vector<std::int64_t>{4, 5}));
  // Selected alone it stays, so that merging refuses it ("into itself") rather than merging nothing.
  auto alone = ParseTriageForm(Form({{"op", "merge"}, {"ids", "3"}, {"into", "3"}}));
  ASSERT_TRUE(alone.ok()) << alone.error().ToString();
  EXPECT_EQ(alone->ids, (std::vector<std::int64_t>{3}));
}

TEST(ParseTriageFormTest, ReadsEachOperationsValues) {
  auto link = ParseTriageForm(Form({{"op", "link"}, {"ids", "3"}, {"action_id", " 12 "}, {"reason", "ignored"}}));
  ASSERT_TRUE(link.ok());
  EXPECT_EQ(link->op, TriageOp::kLink);
  EXPECT_EQ(link->action_id, 12);
  EXPECT_EQ(link->reason, "");
  auto create = ParseTriageForm(Form({{"op", "create"}, {"ids", "3"}, {"title", "  Faster deliveries "}}));
  ASSERT_TRUE(create.ok());
  EXPECT_EQ(create->title, "Faster deliveries");
  auto tag = ParseTriageForm(Form({{"op", "untag"}, {"ids", "3"}, {"theme", "Delivery,  PRICE,delivery"}}));
  ASSERT_TRUE(tag.ok());
  EXPECT_EQ(tag->op, TriageOp::kUntag);
  EXPECT_EQ(tag->themes, (std::vector<std::string>{"delivery", "price"}));
}

}  // namespace
}  // namespace ks::actions
