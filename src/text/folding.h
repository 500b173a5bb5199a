// UTF-8 decoding and the case and accent folding that the text pipeline uses for a token's `norm`:
// lowercase, and the Latin letters that Dutch, French and German use reduced to ASCII ("Één" → "een",
// "Straße" → "strasse"). Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace ks::text {

// Stands for a byte that does not start a well-formed UTF-8 sequence.
inline constexpr char32_t kInvalidCodePoint = 0xFFFFFFFF;

// Decodes the code point starting at byte `i` of `text` (i < text.size()) and stores its length in bytes
// in `length` (1 for an invalid byte). Overlong forms, surrogates, values above U+10FFFF and truncated
// sequences decode as kInvalidCodePoint with `length` 1, so a caller can skip exactly one byte.
char32_t DecodeUtf8(std::string_view text, size_t i, size_t& length);

// Appends `cp` encoded as UTF-8.
void AppendUtf8(char32_t cp, std::string& out);

// Appends the folded form of `cp`: ASCII lowercased; Latin-1 Supplement and Latin Extended-A letters
// lowercased without diacritics ("ß" → "ss", "Æ" → "ae", "Œ" → "oe", "Ĳ" → "ij"); combining diacritical
// marks (U+0300–U+036F) dropped; the typographic apostrophes U+2018/U+2019 become "'"; every other code
// point is appended unchanged. kInvalidCodePoint appends nothing.
void AppendFolded(char32_t cp, std::string& out);

// The folded form of a whole UTF-8 string; invalid bytes are dropped.
std::string Fold(std::string_view text);

}  // namespace ks::text
