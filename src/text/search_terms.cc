#include "text/search_terms.h"

#include <algorithm>

#include "text/folding.h"
#include "text/stemmer.h"

namespace ks::text {
namespace {

// Folds the Latin-1 Supplement and Latin Extended-A letters that Dutch, French and German use to
// ASCII; other code points are kept as they are. `cp` is lowercase-folded too.
std::string FoldCodePoint(unsigned cp) {
  if (cp < 0x80) {
    const char c = static_cast<char>(cp >= 'A' && cp <= 'Z' ? cp - 'A' + 'a' : cp);
    return std::string(1, c);
  }
  static const char* const kLatin1 =  // U+00C0 … U+00FF
      "aaaaaaaceeeeiiiidnooooo ouuuuyts"
      "aaaaaaaceeeeiiiidnooooo ouuuuyty";
  if (cp >= 0xC0 && cp <= 0xFF && kLatin1[cp - 0xC0] != ' ') {
    if (cp == 0xDF) return "ss";
    if (cp == 0xC6 || cp == 0xE6) return "ae";
    return std::string(1, kLatin1[cp - 0xC0]);
  }
  if (cp == 0x152 || cp == 0x153) return "oe";
  if (cp == 0x132 || cp == 0x133) return "ij";
  std::string out;
  AppendUtf8(static_cast<char32_t>(cp), out);
  return out;
}

bool IsWordCodePoint(unsigned cp) {
  if (cp < 0x80) return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
  // Punctuation and symbols outside ASCII that commonly separate words.
  if (cp == 0xA0 || (cp >= 0xA1 && cp <= 0xBF) || cp == 0xD7 || cp == 0xF7) return false;
  if (cp >= 0x2000 && cp <= 0x206F) return false;  // general punctuation: dashes, quotes, ellipsis
  return true;
}

}  // namespace

std::vector<std::string> Words(std::string_view text) {
  std::vector<std::string> words;
  std::string current;
  size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    unsigned cp = c;
    size_t len = 1;
    if (c >= 0xF0 && i + 3 < text.size()) {
      cp = ((c & 0x07u) << 18) | ((text[i + 1] & 0x3Fu) << 12) | ((text[i + 2] & 0x3Fu) << 6) | (text[i + 3] & 0x3Fu);
      len = 4;
    } else if (c >= 0xE0 && i + 2 < text.size()) {
      cp = ((c & 0x0Fu) << 12) | ((text[i + 1] & 0x3Fu) << 6) | (text[i + 2] & 0x3Fu);
      len = 3;
    } else if (c >= 0xC0 && i + 1 < text.size()) {
      cp = ((c & 0x1Fu) << 6) | (text[i + 1] & 0x3Fu);
      len = 2;
    }
    i += len;
    if (IsWordCodePoint(cp)) {
      current += FoldCodePoint(cp);
    } else if (!current.empty()) {
      words.push_back(std::move(current));
      current.clear();
    }
  }
  if (!current.empty()) words.push_back(std::move(current));
  return words;
}

std::string SearchStems(std::string_view text, std::string_view language) {
  std::string out;
  const auto add = [&out](const std::string& stem) {
    if (!out.empty()) out += ' ';
    out += stem;
  };
  for (const std::string& word : Words(text)) {
    if (language == "nl" || language == "en") {
      add(Stem(language, word));
      continue;
    }
    const std::string nl = Stem("nl", word), en = Stem("en", word);
    add(nl);
    if (en != nl) add(en);
  }
  return out;
}

std::vector<std::vector<std::string>> QueryStems(std::string_view query) {
  std::vector<std::vector<std::string>> terms;
  for (const std::string& word : Words(query)) {
    std::vector<std::string> stems = {Stem("nl", word), Stem("en", word)};
    std::sort(stems.begin(), stems.end());
    stems.erase(std::unique(stems.begin(), stems.end()), stems.end());
    terms.push_back(std::move(stems));
  }
  return terms;
}

}  // namespace ks::text
