// Language identification of feedback text with CLD2, restricted to the languages klantstem analyses
// (Dutch, English, French, German). A language the sender gave wins; very short texts, on which CLD2 is
// little better than a guess, fall back to the customer's language unless CLD2 is sure.
// Pure functions over CLD2's read-only tables; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace ks::text {

struct DetectedLanguage {
  // "nl", "en", "fr" or "de"; "" when the text is in another language or none could be told.
  std::string code;
  // 0..1: 1 for a language the sender gave, otherwise the share of the text CLD2 attributes to `code`
  // (0 when `code` is empty or came from the fallback).
  double confidence = 0;
  // True when the sender gave the language or CLD2 reports its answer as reliable (with an empty `code`:
  // CLD2 is sure the text is in a language klantstem does not analyse).
  bool reliable = false;
};

// True for the language codes klantstem analyses: "nl", "en", "fr", "de" (lowercase).
bool IsSupportedLanguage(std::string_view code);

// The language of `text`. `given` is the language the sender stated and wins when supported (case and a
// region suffix such as "nl-BE" are ignored). `fallback` (the customer's language) is used when the text
// is short (fewer than 4 words or 20 letters) and CLD2 is not reliable, or when CLD2 finds nothing.
// Invalid UTF-8 is never passed to CLD2: it is detected as if it were empty.
DetectedLanguage DetectLanguage(std::string_view text, std::string_view given = "", std::string_view fallback = "");

}  // namespace ks::text
