#include "feedback/scale.h"

#include <gtest/gtest.h>

namespace ks {
namespace {

TEST(ScaleTest, ClassBoundaries) {
  struct Case {
    Scale scale;
    int value;
    Mood mood;
    std::string_view class_name;
  };
  const std::vector<Case> cases = {
      {Scale::kNps, 0, Mood::kUnhappy, "detractor"},  {Scale::kNps, 6, Mood::kUnhappy, "detractor"},
      {Scale::kNps, 7, Mood::kNeutral, "passive"},    {Scale::kNps, 8, Mood::kNeutral, "passive"},
      {Scale::kNps, 9, Mood::kHappy, "promoter"},     {Scale::kNps, 10, Mood::kHappy, "promoter"},
      {Scale::kGrade10, 1, Mood::kUnhappy, "fail"},   {Scale::kGrade10, 5, Mood::kUnhappy, "fail"},
      {Scale::kGrade10, 6, Mood::kNeutral, "pass"},   {Scale::kGrade10, 7, Mood::kNeutral, "pass"},
      {Scale::kGrade10, 8, Mood::kHappy, "good"},     {Scale::kGrade10, 10, Mood::kHappy, "good"},
      {Scale::kCsat5, 1, Mood::kUnhappy, "negative"}, {Scale::kCsat5, 2, Mood::kUnhappy, "negative"},
      {Scale::kCsat5, 3, Mood::kNeutral, "neutral"},  {Scale::kCsat5, 4, Mood::kHappy, "positive"},
      {Scale::kCsat5, 5, Mood::kHappy, "positive"},   {Scale::kStars5, 2, Mood::kUnhappy, "negative"},
      {Scale::kStars5, 3, Mood::kNeutral, "neutral"}, {Scale::kStars5, 4, Mood::kHappy, "positive"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(MoodOf(c.scale, c.value), c.mood) << ScaleName(c.scale) << " " << c.value;
    EXPECT_EQ(ScaleClassName(c.scale, c.mood), c.class_name) << ScaleName(c.scale) << " " << c.value;
  }
}

TEST(ScaleTest, RangesAndNames) {
  struct Case {
    std::string_view name;
    int min, max;
  };
  const std::vector<Case> cases = {{"nps", 0, 10}, {"grade10", 1, 10}, {"csat5", 1, 5}, {"stars5", 1, 5}};
  for (const auto& c : cases) {
    const auto scale = ParseScale(c.name);
    ASSERT_TRUE(scale) << c.name;
    EXPECT_EQ(ScaleName(*scale), c.name);
    EXPECT_TRUE(InScale(*scale, c.min));
    EXPECT_TRUE(InScale(*scale, c.max));
    EXPECT_FALSE(InScale(*scale, c.min - 1));
    EXPECT_FALSE(InScale(*scale, c.max + 1));
  }
  EXPECT_FALSE(ParseScale("NPS"));
  EXPECT_FALSE(ParseScale("grade5"));
}

TEST(ClassFilterTest, MoodsAndScaleClassNames) {
  struct Case {
    std::string_view name;
    Mood mood;
    std::optional<Scale> scale;
    bool five_point;
  };
  const std::vector<Case> cases = {
      {"unhappy", Mood::kUnhappy, std::nullopt, false}, {"neutral", Mood::kNeutral, std::nullopt, false},
      {"happy", Mood::kHappy, std::nullopt, false},     {"detractor", Mood::kUnhappy, Scale::kNps, false},
      {"promoter", Mood::kHappy, Scale::kNps, false},   {"fail", Mood::kUnhappy, Scale::kGrade10, false},
      {"good", Mood::kHappy, Scale::kGrade10, false},   {"negative", Mood::kUnhappy, std::nullopt, true},
      {"positive", Mood::kHappy, std::nullopt, true},
  };
  for (const auto& c : cases) {
    const auto f = ParseClassFilter(c.name);
    ASSERT_TRUE(f) << c.name;
    EXPECT_EQ(f->mood, c.mood) << c.name;
    EXPECT_EQ(f->scale, c.scale) << c.name;
    EXPECT_EQ(f->five_point_scales, c.five_point) << c.name;
  }
  EXPECT_FALSE(ParseClassFilter("angry"));
}

}  // namespace
}  // namespace ks
