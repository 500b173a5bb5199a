#include "feedback/scale.h"

namespace ks {

std::optional<Scale> ParseScale(std::string_view name) {
  if (name == "nps") return Scale::kNps;
  if (name == "grade10") return Scale::kGrade10;
  if (name == "csat5") return Scale::kCsat5;
  if (name == "stars5") return Scale::kStars5;
  return std::nullopt;
}

std::string_view ScaleName(Scale scale) {
  switch (scale) {
    case Scale::kNps: return "nps";
    case Scale::kGrade10: return "grade10";
    case Scale::kCsat5: return "csat5";
    case Scale::kStars5: return "stars5";
  }
  return "nps";
}

int ScaleMin(Scale scale) { return scale == Scale::kNps ? 0 : 1; }
int ScaleMax(Scale scale) { return scale == Scale::kNps || scale == Scale::kGrade10 ? 10 : 5; }
bool InScale(Scale scale, int value) { return value >= ScaleMin(scale) && value <= ScaleMax(scale); }

Mood MoodOf(Scale scale, int value) {
  switch (scale) {
    case Scale::kNps: return value <= 6 ? Mood::kUnhappy : value <= 8 ? Mood::kNeutral : Mood::kHappy;
    case Scale::kGrade10: return value <= 5 ? Mood::kUnhappy : value <= 7 ? Mood::kNeutral : Mood::kHappy;
    case Scale::kCsat5:
    case Scale::kStars5: return value <= 2 ? Mood::kUnhappy : value == 3 ? Mood::kNeutral : Mood::kHappy;
  }
  return Mood::kNeutral;
}

std::optional<Mood> ParseMood(std::string_view name) {
  if (name == "unhappy") return Mood::kUnhappy;
  if (name == "neutral") return Mood::kNeutral;
  if (name == "happy") return Mood::kHappy;
  return std::nullopt;
}

std::string_view MoodName(Mood mood) {
  switch (mood) {
    case Mood::kUnhappy: return "unhappy";
    case Mood::kNeutral: return "neutral";
    case Mood::kHappy: return "happy";
  }
  return "neutral";
}

std::string_view ScaleClassName(Scale scale, Mood mood) {
  static constexpr std::string_view kNames[3][3] = {
      {"detractor", "passive", "promoter"}, {"fail", "pass", "good"}, {"negative", "neutral", "positive"}};
  const int row = scale == Scale::kNps ? 0 : scale == Scale::kGrade10 ? 1 : 2;
  return kNames[row][static_cast<int>(mood)];
}

std::optional<ClassFilter> ParseClassFilter(std::string_view name) {
  if (auto mood = ParseMood(name)) return ClassFilter{*mood, std::nullopt, false};
  for (Scale scale : {Scale::kNps, Scale::kGrade10, Scale::kCsat5}) {
    for (Mood mood : {Mood::kUnhappy, Mood::kNeutral, Mood::kHappy}) {
      if (ScaleClassName(scale, mood) != name) continue;
      if (scale == Scale::kCsat5) return ClassFilter{mood, std::nullopt, true};
      return ClassFilter{mood, scale, false};
    }
  }
  return std::nullopt;
}

}  // namespace ks
