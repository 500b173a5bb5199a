// Score scales and their classes (DESIGN §4). Pure functions; thread-safe.
//
//   nps     0–10  detractor 0–6, passive 7–8, promoter 9–10
//   grade10 1–10  fail 1–5, pass 6–7, good 8–10 (the Dutch school mark)
//   csat5   1–5   negative 1–2, neutral 3, positive 4–5
//   stars5  1–5   as csat5
// Every class is also unhappy / neutral / happy.
#pragma once

#include <optional>
#include <string_view>

namespace ks {

enum class Scale { kNps, kGrade10, kCsat5, kStars5 };
enum class Mood { kUnhappy, kNeutral, kHappy };  // the scale-independent class

std::optional<Scale> ParseScale(std::string_view name);
std::string_view ScaleName(Scale scale);
int ScaleMin(Scale scale);
int ScaleMax(Scale scale);
bool InScale(Scale scale, int value);

// The class of `value` on `scale` (the value must be in the scale).
Mood MoodOf(Scale scale, int value);
std::optional<Mood> ParseMood(std::string_view name);
std::string_view MoodName(Mood mood);
// The scale's own name for a class: nps → detractor/passive/promoter, grade10 → fail/pass/good,
// csat5/stars5 → negative/neutral/positive.
std::string_view ScaleClassName(Scale scale, Mood mood);

// A class filter as the API accepts it: a mood ("unhappy"), or a scale's own class name ("detractor",
// "fail", "negative"…), which also restricts the scales ("negative" means csat5 or stars5).
struct ClassFilter {
  Mood mood;
  std::optional<Scale> scale;      // set for nps/grade10 class names
  bool five_point_scales = false;  // set for negative/neutral/positive
};
std::optional<ClassFilter> ParseClassFilter(std::string_view name);

}  // namespace ks
