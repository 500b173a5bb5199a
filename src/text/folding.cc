#include "text/folding.h"

namespace ks::text {
namespace {

// ASCII base letters of U+00C0 … U+00FF; ' ' where the code point is not a letter or needs two letters.
constexpr std::string_view kLatin1 =
    "aaaaaaaceeeeiiiidnooooo ouuuuyt "
    "aaaaaaaceeeeiiiidnooooo ouuuuyty";

// ASCII base letters of U+0100 … U+017F; ' ' for the ligatures Ĳ ĳ Œ œ, handled separately.
constexpr std::string_view kLatinExtendedA =
    "aaaaaacccccccc"
    "ddddeeeeeeeeee"
    "gggggggghhhhiiiiiiiiii"
    "  jjkkkllllllllllnnnnnnnnn"
    "oooooo  rrrrrrsssssssstttttt"
    "uuuuuuuuuuuuwwyyyzzzzzzs";

static_assert(kLatin1.size() == 64);
static_assert(kLatinExtendedA.size() == 128);

}  // namespace

char32_t DecodeUtf8(std::string_view text, size_t i, size_t& length) {
  length = 1;
  const auto c = static_cast<unsigned char>(text[i]);
  if (c < 0x80) return c;
  size_t n = 0;
  char32_t cp = 0;
  char32_t min = 0;
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2, cp = c & 0x1Fu, min = 0x80;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3, cp = c & 0x0Fu, min = 0x800;
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4, cp = c & 0x07u, min = 0x10000;
  } else {
    return kInvalidCodePoint;
  }
  if (i + n > text.size()) return kInvalidCodePoint;
  for (size_t k = 1; k < n; ++k) {
    const auto cc = static_cast<unsigned char>(text[i + k]);
    if ((cc & 0xC0u) != 0x80u) return kInvalidCodePoint;
    cp = (cp << 6) | (cc & 0x3Fu);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return kInvalidCodePoint;
  length = n;
  return cp;
}

void AppendUtf8(char32_t cp, std::string& out) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp <= 0x10FFFF) {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

void AppendFolded(char32_t cp, std::string& out) {
  if (cp < 0x80) {
    out += static_cast<char>(cp >= 'A' && cp <= 'Z' ? cp - 'A' + 'a' : cp);
    return;
  }
  if (cp == kInvalidCodePoint || (cp >= 0x300 && cp <= 0x36F)) return;
  if (cp >= 0xC0 && cp <= 0xFF) {
    if (cp == 0xDF) {
      out += "ss";
      return;
    }
    if (cp == 0xC6 || cp == 0xE6) {
      out += "ae";
      return;
    }
    if (kLatin1[cp - 0xC0] != ' ') {
      out += kLatin1[cp - 0xC0];
      return;
    }
  } else if (cp >= 0x100 && cp <= 0x17F) {
    if (cp == 0x152 || cp == 0x153) {
      out += "oe";
      return;
    }
    if (cp == 0x132 || cp == 0x133) {
      out += "ij";
      return;
    }
    out += kLatinExtendedA[cp - 0x100];
    return;
  } else if (cp == 0x2018 || cp == 0x2019) {
    out += '\'';
    return;
  }
  AppendUtf8(cp, out);
}

std::string Fold(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    size_t length = 0;
    AppendFolded(DecodeUtf8(text, i, length), out);
    i += length;
  }
  return out;
}

}  // namespace ks::text
