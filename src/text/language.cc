#include "text/language.h"

#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>

#include <array>
#include <cstdint>

#include "base/strings.h"

namespace ks::text {
namespace {

// Texts shorter than this (in words or in letters) are too short for CLD2 to be trusted unless it says
// so itself: "Top!" or "Prima service" are as Dutch as they are English.
constexpr int kMinWords = 4;
constexpr int kMinLetters = 20;

// Lowercase two-letter primary subtag of "nl", "NL", "nl-BE", "en_GB"; "" when it is not supported.
std::string NormalizeCode(std::string_view code) {
  if (code.size() < 2 || (code.size() > 2 && code[2] != '-' && code[2] != '_')) return "";
  std::string out = ToLowerAscii(code.substr(0, 2));
  return IsSupportedLanguage(out) ? out : "";
}

struct TextSize {
  int words = 0;
  int letters = 0;
};

// Counts words and letters; every byte of a multi-byte sequence's lead counts as one letter, so accented
// Latin letters count once and punctuation, digits and ASCII symbols do not count.
TextSize Measure(std::string_view text) {
  TextSize size;
  bool in_word = false;
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    const bool ascii_letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    const bool lead = c >= 0xC0;
    if (ascii_letter || lead) {
      ++size.letters;
      if (!in_word) ++size.words;
      in_word = true;
    } else if (c < 0x80 && c != '\'' && c != '-') {
      in_word = false;
    }
  }
  return size;
}

std::string SupportedCode(CLD2::Language language) {
  switch (language) {
    case CLD2::DUTCH: return "nl";
    case CLD2::ENGLISH: return "en";
    case CLD2::FRENCH: return "fr";
    case CLD2::GERMAN: return "de";
    default: return "";
  }
}

CLD2::Language Cld2Language(std::string_view code) {
  if (code == "nl") return CLD2::DUTCH;
  if (code == "en") return CLD2::ENGLISH;
  if (code == "fr") return CLD2::FRENCH;
  if (code == "de") return CLD2::GERMAN;
  return CLD2::UNKNOWN_LANGUAGE;
}

}  // namespace

bool IsSupportedLanguage(std::string_view code) { return code == "nl" || code == "en" || code == "fr" || code == "de"; }

DetectedLanguage DetectLanguage(std::string_view text, std::string_view given, std::string_view fallback) {
  if (std::string code = NormalizeCode(given); !code.empty()) {
    return DetectedLanguage{.code = std::move(code), .confidence = 1.0, .reliable = true};
  }
  const std::string fallback_code = NormalizeCode(fallback);
  DetectedLanguage fallen_back{.code = fallback_code, .confidence = 0, .reliable = false};
  const TextSize size = Measure(text);
  if (size.letters == 0 || !IsValidUtf8(text) || text.size() > static_cast<size_t>(INT32_MAX)) {
    return fallen_back;
  }

  // The customer's language is a hint, not a verdict: it tips the balance between close candidates.
  const CLD2::CLDHints hints{.content_language_hint = nullptr,
                             .tld_hint = nullptr,
                             .encoding_hint = CLD2::UNKNOWN_ENCODING,
                             .language_hint = Cld2Language(fallback_code)};
  std::array<CLD2::Language, 3> language3{};
  std::array<int, 3> percent3{};
  std::array<double, 3> normalized3{};
  int text_bytes = 0;
  bool reliable = false;
  const CLD2::Language top = CLD2::ExtDetectLanguageSummary(
      text.data(), static_cast<int>(text.size()), /*is_plain_text=*/true, &hints, /*flags=*/0, language3.data(),
      percent3.data(), normalized3.data(), /*resultchunkvector=*/nullptr, &text_bytes, &reliable);

  const bool short_text = size.words < kMinWords || size.letters < kMinLetters;
  if (short_text && !reliable) return fallen_back;
  std::string code = SupportedCode(top);
  if (code.empty()) {
    // CLD2 answered with another language (or none): on short text that is noise, so trust the customer.
    if (short_text || top == CLD2::UNKNOWN_LANGUAGE) return fallen_back;
    return DetectedLanguage{.code = "", .confidence = 0, .reliable = reliable};
  }
  double confidence = 0;
  for (size_t i = 0; i < language3.size(); ++i) {
    if (language3[i] == top) confidence = percent3[i] / 100.0;
  }
  return DetectedLanguage{.code = std::move(code), .confidence = confidence, .reliable = reliable};
}

}  // namespace ks::text
