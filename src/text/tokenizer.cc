#include "text/tokenizer.h"

#include <algorithm>
#include <array>

#include "text/folding.h"

namespace ks::text {
namespace {

bool IsAsciiLetter(char32_t cp) { return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z'); }
bool IsDigit(char32_t cp) { return cp >= '0' && cp <= '9'; }
bool IsCombiningMark(char32_t cp) { return cp >= 0x300 && cp <= 0x36F; }
bool IsApostrophe(char32_t cp) { return cp == '\'' || cp == 0x2019; }

bool IsEmojiStart(char32_t cp) {
  return (cp >= 0x1F000 && cp <= 0x1FAFF) || (cp >= 0x2600 && cp <= 0x27BF) || (cp >= 0x2300 && cp <= 0x23FF) ||
         (cp >= 0x2B00 && cp <= 0x2BFF) || cp == 0x3030 || cp == 0x303D || cp == 0x3297 || cp == 0x3299;
}

// Letters of any script; symbols, punctuation and emoji outside ASCII are not.
bool IsLetter(char32_t cp) {
  if (cp < 0x80) return IsAsciiLetter(cp);
  if (cp < 0xC0 || cp == 0xD7 || cp == 0xF7 || cp == kInvalidCodePoint) return false;
  if (cp >= 0x2000 && cp <= 0x2BFF) return false;  // punctuation, symbols, arrows, dingbats
  if (cp >= 0x3000 && cp <= 0x303F) return false;  // CJK punctuation
  if (cp >= 0xFE00 && cp <= 0xFE0F) return false;  // variation selectors
  if (cp >= 0xFE30 && cp <= 0xFE6F) return false;  // compatibility punctuation
  if (cp >= 0xFF00 && cp <= 0xFF0F) return false;  // fullwidth punctuation
  if (cp >= 0xFFF0 && cp <= 0xFFFF) return false;  // specials
  if (cp == 0xFEFF) return false;                  // byte order mark
  if (cp >= 0x1F000 && cp <= 0x1FAFF) return false;
  if (cp >= 0xE0000 && cp <= 0xE007F) return false;  // tags
  return true;
}

bool IsWordPart(char32_t cp) { return IsLetter(cp) || IsDigit(cp) || IsCombiningMark(cp); }

// Separates tokens without being one. Line breaks also end a sentence.
bool IsLineBreak(char32_t cp) { return cp == '\n' || cp == '\r' || cp == 0x2028 || cp == 0x2029 || cp == 0x85; }
bool IsSpace(char32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\v' || cp == '\f' || cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200D) ||
         cp == 0x202F || cp == 0x205F || cp == 0x3000 || cp == 0xFEFF || (cp >= 0xFE00 && cp <= 0xFE0F) ||
         (cp < 0x20 && !IsLineBreak(cp)) || cp == 0x7F;
}

bool IsSentenceEndChar(char32_t cp) {
  return cp == '.' || cp == '!' || cp == '?' || cp == 0x2026 || cp == 0x203C || cp == 0x2049;
}

bool IsEmailLocalChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
         c == '%' || c == '+' || c == '-';
}
bool IsDomainChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
}
char LowerAscii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool StartsWithNoCase(std::string_view text, size_t i, std::string_view prefix) {
  if (text.size() - i < prefix.size()) return false;
  for (size_t k = 0; k < prefix.size(); ++k) {
    if (LowerAscii(text[i + k]) != prefix[k]) return false;
  }
  return true;
}

// Top-level domains that make "word.tld" a web address even without "www." or a scheme.
constexpr std::array<std::string_view, 14> kBareTlds = {"com", "nl", "be", "de", "fr",   "org",  "net",
                                                        "eu",  "io", "co", "uk", "info", "shop", "app"};

// Dutch adverbial genitives written with "'s" ("'s avonds") that are one word.
constexpr std::array<std::string_view, 16> kGenitiveS = {
    "avonds",   "morgens",   "middags",    "nachts",   "ochtends",  "zomers",  "winters", "maandags",
    "dinsdags", "woensdags", "donderdags", "vrijdags", "zaterdags", "zondags", "werelds", "lands"};

// Abbreviations whose "." does not end a sentence ("ca. 3 dagen", "bijv. de bezorger").
constexpr std::array<std::string_view, 18> kAbbreviations = {"bijv", "ca",   "nr",  "dhr", "mevr", "mw",
                                                             "mr",   "mrs",  "ms",  "dr",  "vs",   "tel",
                                                             "incl", "excl", "evt", "ong", "zgn",  "jl"};

struct Emoticon {
  std::string_view text;
  std::string_view norm;
};
// Longest first where one is a prefix of another.
constexpr std::array<Emoticon, 41> kEmoticons = {{
    {">:-(", ">:("}, {":'-(", ":'("}, {"^_^", "^^"}, {"-_-", "-_-"}, {"o_O", "o_O"}, {"O_o", "o_O"}, {"</3", "</3"},
    {">:(", ">:("},  {":-)", ":)"},   {":-(", ":("}, {";-)", ";)"},  {":-D", ":D"},  {":-P", ":P"},  {":-p", ":P"},
    {":-/", ":/"},   {":-|", ":|"},   {":-*", ":*"}, {":-o", ":o"},  {":-O", ":o"},  {":'(", ":'("}, {":')", ":')"},
    {":)", ":)"},    {":(", ":("},    {";)", ";)"},  {":D", ":D"},   {";D", ";D"},   {":P", ":P"},   {":p", ":P"},
    {":/", ":/"},    {":|", ":|"},    {":*", ":*"},  {":o", ":o"},   {":O", ":o"},   {"=)", ":)"},   {"=(", ":("},
    {"=D", ":D"},    {"<3", "<3"},    {"xD", "xD"},  {"XD", "xD"},   {"^^", "^^"},   {":S", ":s"},
}};

bool Contains(const auto& list, std::string_view s) { return std::find(list.begin(), list.end(), s) != list.end(); }

class Scanner {
 public:
  Scanner(std::string_view text, const TokenizeOptions& options, Tokenized& out)
      : text_(text), options_(options), out_(out) {}

  void Run() {
    size_t i = 0;
    while (i < text_.size()) {
      size_t length = 0;
      const char32_t cp = DecodeUtf8(text_, i, length);
      if (cp == kInvalidCodePoint || IsSpace(cp)) {
        i += length;
      } else if (IsLineBreak(cp)) {
        CloseSentence();
        i += length;
      } else if (size_t end = ScanEmoticonOrAddress(i); end != 0) {
        i = end;
      } else if (IsEmojiStart(cp)) {
        i = ScanEmoji(i);
      } else if (IsDigit(cp) || ((cp == 0x20AC || cp == '$' || cp == 0xA3) && i + length < text_.size() &&
                                 IsDigit(static_cast<unsigned char>(text_[i + length])))) {
        i = ScanNumber(i);
      } else if (IsWordPart(cp)) {
        i = ScanWord(i, Begin(TokenKind::kWord, i));
      } else if ((IsApostrophe(cp) || cp == 0x2018) && PreviousIsBoundary(i)) {
        // Word processors often turn the apostrophe of "'s avonds" into an opening quote '‘'.
        i = ScanElision(i, length);
      } else if (IsSentenceEndChar(cp)) {
        i = ScanSentenceEnd(i);
      } else {
        Token& token = Begin(TokenKind::kPunctuation, i);
        AppendFolded(cp, token.norm);
        i += length;
        Finish(i);
      }
    }
    CloseSentence();
    out_.tokens.resize(count_);
  }

 private:
  // Starts a token; its norm is built in place, reusing the buffer of a token from an earlier call.
  Token& Begin(TokenKind kind, size_t begin) {
    if (count_ == out_.tokens.size()) out_.tokens.emplace_back();
    Token& token = out_.tokens[count_];
    token.kind = kind;
    token.begin = begin;
    token.end = begin;
    token.norm.clear();
    return token;
  }

  // Adds the token begun last, ending at byte `end`, to the current sentence.
  void Finish(size_t end) {
    Token& token = out_.tokens[count_];
    token.end = end;
    if (pending_end_ && !AttachesToPreviousSentence(token)) {
      CloseSentence();
    }
    ++count_;
    if (token.kind == TokenKind::kSentenceEnd) pending_end_ = true;
  }

  static bool AttachesToPreviousSentence(const Token& token) {
    if (token.kind == TokenKind::kEmoji || token.kind == TokenKind::kEmoticon) return true;
    if (token.kind != TokenKind::kPunctuation) return false;
    return token.norm == ")" || token.norm == "]" || token.norm == "\"" || token.norm == "'" ||
           token.norm == "\xE2\x80\x9D" || token.norm == "\xC2\xBB";  // ” »
  }

  void CloseSentence() {
    pending_end_ = false;
    if (count_ == sentence_first_) return;
    out_.sentences.push_back(Sentence{.first_token = sentence_first_,
                                      .end_token = count_,
                                      .begin = out_.tokens[sentence_first_].begin,
                                      .end = out_.tokens[count_ - 1].end});
    sentence_first_ = count_;
  }

  char32_t At(size_t i) const {
    if (i >= text_.size()) return 0;
    size_t length = 0;
    return DecodeUtf8(text_, i, length);
  }

  // The code point that ends at byte `i` (exclusive); 0 at the start of the text.
  char32_t Before(size_t i) const {
    if (i == 0) return 0;
    size_t start = i - 1;
    while (start > 0 && i - start < 4 && (static_cast<unsigned char>(text_[start]) & 0xC0u) == 0x80u) --start;
    size_t length = 0;
    const char32_t cp = DecodeUtf8(text_, start, length);
    return start + length == i ? cp : kInvalidCodePoint;
  }

  bool PreviousIsBoundary(size_t i) const { return !IsWordPart(Before(i)); }

  // Returns the end of the emoticon, web address or e-mail address at `i`, or 0 when there is none.
  size_t ScanEmoticonOrAddress(size_t i) {
    const size_t end = ScanEmoticon(i);
    return end != 0 ? end : ScanUrlOrEmail(i);
  }

  // Returns the end of the emoticon at `i`, or 0 when there is none.
  size_t ScanEmoticon(size_t i) {
    const char first = text_[i];
    if (first != ':' && first != ';' && first != '=' && first != '<' && first != '>' && first != '^' && first != '-' &&
        first != 'x' && first != 'X' && first != 'o' && first != 'O') {
      return 0;
    }
    for (const Emoticon& e : kEmoticons) {
      if (text_.compare(i, e.text.size(), e.text) != 0) continue;
      size_t end = i + e.text.size();
      const char last = e.text.back();
      if (last == ')' || last == '(' || last == '3') {
        while (end < text_.size() && text_[end] == last) ++end;  // ":)))", "<333"
      }
      if (IsAsciiLetter(static_cast<unsigned char>(e.text.front())) && !PreviousIsBoundary(i)) return 0;
      const char32_t next = At(end);
      if (IsWordPart(next) && (IsAsciiLetter(static_cast<unsigned char>(last)) || last == '3' || last == '/')) return 0;
      if (last == '/' && next == '/') return 0;
      if (e.text == "-_-" && !PreviousIsBoundary(i)) return 0;
      Token& token = Begin(TokenKind::kEmoticon, i);
      token.norm.assign(e.norm);
      Finish(end);
      return end;
    }
    return 0;
  }

  // Returns the end of the web address or e-mail address at `i`, or 0 when there is none.
  size_t ScanUrlOrEmail(size_t i) {
    const auto c = static_cast<unsigned char>(text_[i]);
    if (!IsAsciiLetter(c) && !IsDigit(c)) return 0;
    if (i > 0 && (IsDomainChar(text_[i - 1]) || text_[i - 1] == '@')) return 0;
    if (StartsWithNoCase(text_, i, "http://") || StartsWithNoCase(text_, i, "https://") ||
        StartsWithNoCase(text_, i, "www.")) {
      return EmitUrl(i, i, /*extend=*/true);
    }
    // One pass over the ASCII run that could be an address: letters, digits and . - _ % + @.
    size_t j = i;
    size_t at = 0;
    size_t dots = 0;
    while (j < text_.size() && (IsEmailLocalChar(text_[j]) || text_[j] == '@')) {
      if (text_[j] == '@') {
        if (at != 0) return 0;
        at = j;
      } else if (text_[j] == '.') {
        ++dots;
      }
      ++j;
    }
    if (dots == 0) return 0;
    if (at != 0) {
      size_t end = DomainEnd(at + 1);
      if (end == 0) return 0;
      if (options_.keep_emails) {
        Token& token = Begin(TokenKind::kEmail, i);
        for (size_t k = i; k < end; ++k) token.norm += LowerAscii(text_[k]);
        Finish(end);
      }
      return end;
    }
    // A bare domain: labels of letters, digits and '-', ending in a known lowercase top-level domain.
    const size_t end = DomainEnd(i);
    if (end == 0) return 0;
    const size_t tld = text_.rfind('.', end - 1) + 1;
    if (!Contains(kBareTlds, text_.substr(tld, end - tld))) return 0;
    return EmitUrl(i, end, /*extend=*/end < text_.size() && text_[end] == '/');
  }

  // The end of a domain name starting at `i` ("example.nl"): at least two labels, a last label of two or
  // more letters; 0 when there is none. A trailing '.' or '-' is not part of it.
  size_t DomainEnd(size_t i) const {
    size_t end = i;
    while (end < text_.size() && IsDomainChar(text_[end])) ++end;
    while (end > i && (text_[end - 1] == '.' || text_[end - 1] == '-')) --end;
    const size_t last_dot = text_.rfind('.', end == 0 ? 0 : end - 1);
    if (end == i || last_dot == std::string_view::npos || last_dot <= i || end - last_dot - 1 < 2) return 0;
    for (size_t k = last_dot + 1; k < end; ++k) {
      if (!IsAsciiLetter(static_cast<unsigned char>(text_[k]))) return 0;
    }
    return end;
  }

  // A URL from `i` up to at least `min_end`; when `extend`, it runs to the next space or quote, without
  // trailing punctuation (a ')' is kept when the URL has a '(').
  size_t EmitUrl(size_t i, size_t min_end, bool extend) {
    size_t end = extend ? i : min_end;
    while (extend && end < text_.size()) {
      const auto c = static_cast<unsigned char>(text_[end]);
      if (c <= ' ' || c == '"' || c == '<' || c == '>' || c == 0x7F) break;
      if (c >= 0x80) {
        size_t length = 0;
        const char32_t cp = DecodeUtf8(text_, end, length);
        if (cp == kInvalidCodePoint || IsSpace(cp) || IsLineBreak(cp) || !IsLetter(cp)) break;
        end += length;
        continue;
      }
      ++end;
    }
    const bool has_open = text_.substr(i, end - i).find('(') != std::string_view::npos;
    while (end > min_end) {
      const char c = text_[end - 1];
      if (c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '\'' || c == ']' ||
          (c == ')' && !has_open)) {
        --end;
      } else {
        break;
      }
    }
    if (options_.keep_urls) {
      Token& token = Begin(TokenKind::kUrl, i);
      for (size_t k = i; k < end; ++k) token.norm += LowerAscii(text_[k]);
      Finish(end);
    }
    return end;
  }

  size_t ScanEmoji(size_t i) {
    Token& token = Begin(TokenKind::kEmoji, i);
    size_t length = 0;
    char32_t cp = DecodeUtf8(text_, i, length);
    AppendUtf8(cp, token.norm);
    size_t end = i + length;
    if (cp >= 0x1F1E6 && cp <= 0x1F1FF && end < text_.size()) {  // a flag is a pair of regional indicators
      cp = DecodeUtf8(text_, end, length);
      if (cp >= 0x1F1E6 && cp <= 0x1F1FF) {
        AppendUtf8(cp, token.norm);
        end += length;
      }
    }
    end = ScanEmojiModifiers(end, token);
    Finish(end);
    return end;
  }

  // Consumes variation selectors, skin tones, keycaps, tag sequences and ZWJ-joined emoji after an emoji.
  size_t ScanEmojiModifiers(size_t end, Token& token) const {
    while (end < text_.size()) {
      size_t length = 0;
      const char32_t cp = DecodeUtf8(text_, end, length);
      if (cp == 0xFE0E || cp == 0xFE0F || (cp >= 0x1F3FB && cp <= 0x1F3FF)) {
        end += length;
      } else if (cp == 0x20E3 || (cp >= 0xE0020 && cp <= 0xE007F)) {
        AppendUtf8(cp, token.norm);
        end += length;
      } else if (cp == 0x200D && end + length < text_.size()) {
        size_t next_length = 0;
        const char32_t next = DecodeUtf8(text_, end + length, next_length);
        if (!IsEmojiStart(next)) break;
        AppendUtf8(cp, token.norm);
        AppendUtf8(next, token.norm);
        end += length + next_length;
      } else {
        break;
      }
    }
    return end;
  }

  size_t ScanNumber(size_t i) {
    // A keycap emoji: a digit, an optional variation selector and U+20E3.
    if (IsDigit(static_cast<unsigned char>(text_[i]))) {
      constexpr std::string_view kKeycap = "\xE2\x83\xA3";
      constexpr std::string_view kSelectorKeycap = "\xEF\xB8\x8F\xE2\x83\xA3";
      if (text_.compare(i + 1, kKeycap.size(), kKeycap) == 0 ||
          text_.compare(i + 1, kSelectorKeycap.size(), kSelectorKeycap) == 0) {
        Token& token = Begin(TokenKind::kEmoji, i);
        token.norm += text_[i];
        Finish(ScanEmojiModifiers(i + 1, token));
        return out_.tokens[count_ - 1].end;
      }
    }
    Token& token = Begin(TokenKind::kNumber, i);
    size_t j = i;
    bool currency = false;
    if (!IsDigit(static_cast<unsigned char>(text_[j]))) {  // a currency sign before the digits
      size_t length = 0;
      AppendUtf8(DecodeUtf8(text_, j, length), token.norm);
      j += length;
      currency = true;
    }
    bool separators = false;
    const auto digits = [&] {
      while (j < text_.size() && IsDigit(static_cast<unsigned char>(text_[j]))) token.norm += text_[j++];
    };
    digits();
    while (j + 1 < text_.size() && (text_[j] == '.' || text_[j] == ',' || text_[j] == ':' || text_[j] == '/') &&
           IsDigit(static_cast<unsigned char>(text_[j + 1]))) {
      token.norm += text_[j++];
      digits();
      separators = true;
    }
    if (j + 1 < text_.size() && text_[j] == ',' && text_[j + 1] == '-') {  // "€12,-"
      token.norm += ",-";
      j += 2;
    } else if (j < text_.size() && text_[j] == '%') {
      token.norm += text_[j++];
    } else if (text_.compare(j, 3, "\xE2\x82\xAC") == 0) {  // "12€"
      token.norm += "\xE2\x82\xAC";
      j += 3;
    } else if (IsWordPart(At(j))) {
      // An ordinal ("3e", "2nd") is a number; anything else with letters ("4g", "mp3") is a word.
      size_t k = j;
      std::array<char, 4> suffix{};
      size_t n = 0;
      while (k < text_.size() && IsAsciiLetter(static_cast<unsigned char>(text_[k])) && n < suffix.size()) {
        suffix[n++] = LowerAscii(text_[k++]);
      }
      const std::string_view s(suffix.data(), n);
      const bool ordinal = !IsWordPart(At(k)) && (s == "e" || s == "de" || s == "ste" || s == "st" || s == "nd" ||
                                                  s == "rd" || s == "th" || s == "er" || s == "eme");
      if (ordinal) {
        token.norm += s;
        j = k;
      } else if (!currency && !separators) {
        token.kind = TokenKind::kWord;
        return ScanWord(j, token);
      }
    }
    Finish(j);
    return j;
  }

  // Continues the word `token` from byte `j`.
  size_t ScanWord(size_t j, Token& token) {
    size_t segment_letters = 0;  // letters since the last '.' of an abbreviation like "o.a."
    bool dotted = false;
    while (j < text_.size()) {
      size_t length = 0;
      const char32_t cp = DecodeUtf8(text_, j, length);
      if (IsWordPart(cp)) {
        AppendFolded(cp, token.norm);
        if (!IsCombiningMark(cp)) ++segment_letters;
        j += length;
        continue;
      }
      size_t next_length = 0;
      const char32_t next = j + length < text_.size() ? DecodeUtf8(text_, j + length, next_length) : 0;
      if ((IsApostrophe(cp) || cp == '-') && IsLetter(next)) {  // "zo'n", "don't", "e-mail"
        token.norm += IsApostrophe(cp) ? '\'' : '-';
        j += length;
        segment_letters = 0;
        continue;
      }
      if (cp == '.' && segment_letters == 1 && IsAsciiLetter(next) && At(j + length + next_length) == '.') {
        token.norm += '.';  // "o.a.", "d.w.z."
        j += length;
        segment_letters = 0;
        dotted = true;
        continue;
      }
      if (cp == '.' && dotted && segment_letters == 1) {
        token.norm += '.';
        j += length;
      }
      break;
    }
    Finish(j);
    // An abbreviation's '.' belongs to the sentence.
    if (j < text_.size() && text_[j] == '.' && (j + 1 == text_.size() || text_[j + 1] != '.') &&
        Contains(kAbbreviations, out_.tokens[count_ - 1].norm)) {
      Token& dot = Begin(TokenKind::kPunctuation, j);
      dot.norm = ".";
      Finish(++j);
    }
    return j;
  }

  // An apostrophe at a word start: Dutch "'s avonds", "'s-Hertogenbosch", "'t", "'n"; else punctuation.
  size_t ScanElision(size_t i, size_t apostrophe_length) {
    const size_t j = i + apostrophe_length;
    const char32_t letter = At(j);
    const char lower = IsAsciiLetter(letter) ? LowerAscii(static_cast<char>(letter)) : 0;
    if ((lower == 's' || lower == 't' || lower == 'n') && !IsWordPart(At(j + 1))) {
      Token& token = Begin(TokenKind::kWord, i);
      token.norm += '\'';
      token.norm += lower;
      if (lower == 's' && At(j + 1) == '-' && IsLetter(At(j + 2))) {  // "'s-Hertogenbosch"
        token.norm += '-';
        return ScanWord(j + 2, token);
      }
      if (lower == 's') {
        size_t k = j + 1;
        while (k < text_.size() && text_[k] == ' ') ++k;
        size_t e = k;
        while (e < text_.size() && IsAsciiLetter(static_cast<unsigned char>(text_[e]))) ++e;
        if (k > j + 1 && e > k && !IsWordPart(At(e))) {
          std::array<char, 12> word{};
          if (e - k <= word.size()) {
            for (size_t m = k; m < e; ++m) word[m - k] = LowerAscii(text_[m]);
            const std::string_view w(word.data(), e - k);
            if (Contains(kGenitiveS, w)) {
              token.norm += ' ';
              token.norm += w;
              Finish(e);
              return e;
            }
          }
        }
      }
      Finish(j + 1);
      return j + 1;
    }
    Token& token = Begin(TokenKind::kPunctuation, i);
    token.norm += '\'';
    Finish(j);
    return j;
  }

  size_t ScanSentenceEnd(size_t i) {
    Token& token = Begin(TokenKind::kSentenceEnd, i);
    size_t j = i;
    size_t count = 0;
    bool ellipsis = false;
    while (j < text_.size()) {
      size_t length = 0;
      const char32_t cp = DecodeUtf8(text_, j, length);
      if (!IsSentenceEndChar(cp)) break;
      if (cp == 0x2026) ellipsis = true;
      if (count == 0) {
        if (cp == 0x203C || cp == 0x2049) {  // ‼ ⁉
          token.norm = "!";
        } else {
          AppendUtf8(cp, token.norm);
        }
      }
      ++count;
      j += length;
    }
    if (ellipsis || (token.norm == "." && count > 1)) token.norm = "...";
    Finish(j);
    return j;
  }

  std::string_view text_;
  const TokenizeOptions& options_;
  Tokenized& out_;
  size_t count_ = 0;
  size_t sentence_first_ = 0;
  bool pending_end_ = false;
};

}  // namespace

void Tokenize(std::string_view text, const TokenizeOptions& options, Tokenized& out) {
  out.sentences.clear();
  Scanner(text, options, out).Run();
}

Tokenized Tokenize(std::string_view text, const TokenizeOptions& options) {
  Tokenized out;
  Tokenize(text, options, out);
  return out;
}

bool IsNegation(std::string_view norm, std::string_view language) {
  static constexpr std::array<std::string_view, 7> kDutch = {"niet", "geen",    "nooit",  "niets",
                                                             "niks", "nergens", "niemand"};
  static constexpr std::array<std::string_view, 25> kEnglish = {
      "not",    "no",    "never",  "nothing", "nobody",  "none",     "nowhere", "neither", "nor",
      "cannot", "dont",  "doesnt", "didnt",   "isnt",    "wasnt",    "werent",  "arent",   "havent",
      "hasnt",  "hadnt", "cant",   "couldnt", "wouldnt", "shouldnt", "aint"};
  static constexpr std::array<std::string_view, 7> kFrench = {"ne", "pas", "jamais", "rien", "aucun", "aucune", "sans"};
  static constexpr std::array<std::string_view, 11> kGerman = {
      "nicht", "kein", "keine", "keinen", "keinem", "keiner", "keines", "nie", "niemals", "nichts", "niemand"};
  const bool any = language != "nl" && language != "en" && language != "fr" && language != "de";
  if ((any || language == "nl") && Contains(kDutch, norm)) return true;
  if (any || language == "en") {
    if (Contains(kEnglish, norm)) return true;
    if (norm.size() > 3 && norm.ends_with("n't")) return true;
  }
  if ((any || language == "fr") && Contains(kFrench, norm)) return true;
  return (any || language == "de") && Contains(kGerman, norm);
}

namespace {

// Parts of Dutch compounds common in service feedback, folded. Whole words on this list are not split.
constexpr std::array<std::string_view, 104> kCompoundParts = {
    "klant",
    "klanten",
    "service",
    "bezorg",
    "bezorger",
    "bezorging",
    "lever",
    "levering",
    "wacht",
    "tijd",
    "tijden",
    "prijs",
    "prijzen",
    "pakket",
    "pakje",
    "medewerker",
    "medewerkers",
    "winkel",
    "telefoon",
    "bestel",
    "bestelling",
    "order",
    "kosten",
    "dienst",
    "post",
    "adres",
    "product",
    "kwaliteit",
    "retour",
    "betaal",
    "betaling",
    "factuur",
    "rekening",
    "verzend",
    "verzending",
    "web",
    "site",
    "website",
    "webshop",
    "shop",
    "mail",
    "chat",
    "hulp",
    "vraag",
    "vragen",
    "lijn",
    "bon",
    "korting",
    "actie",
    "garantie",
    "reparatie",
    "afspraak",
    "contact",
    "nummer",
    "code",
    "account",
    "dag",
    "datum",
    "moment",
    "auto",
    "doos",
    "kantoor",
    "balie",
    "kassa",
    "personeel",
    "team",
    "beleid",
    "systeem",
    "formulier",
    "pagina",
    "proces",
    "termijn",
    "ervaring",
    "gesprek",
    "centrum",
    "informatie",
    "klacht",
    "klachten",
    "app",
    "omgeving",
    "portaal",
    "nota",
    "geld",
    "vergoeding",
    "afhandeling",
    "tevredenheid",
    "vriendelijkheid",
    "bereikbaarheid",
    "ruil",
    "punt",
    "bus",
    "wagen",
    "chauffeur",
    "monteur",
    "installatie",
    "abonnement",
    "contract",
    "storing",
    "melding",
    "terugbetaling",
    "verpakking",
    "schade",
    "bericht",
    "folder",
};

// Derived words that look like compounds of a known part and a long rest.
constexpr std::array<std::string_view, 6> kNotCompounds = {"leverancier", "leveranciers", "tijdelijk",
                                                           "tijdelijke",  "bestellingen", "winkeliers"};

// How an unknown rest may not start: it would be a suffix of the known part, not a word of its own.
constexpr std::array<std::string_view, 18> kSuffixStarts = {"ing",  "ling", "lijk", "elijk",  "heid",  "baar",
                                                            "loos", "isch", "ig",   "achtig", "schap", "ster",
                                                            "tje",  "je",   "ende", "ers",    "en",    "er"};

constexpr size_t kMinUnknownPart = 6;
constexpr size_t kMinKnownHead = 4;
constexpr size_t kMaxCompound = 64;

bool IsKnownPart(std::string_view s) { return Contains(kCompoundParts, s); }

// A known part, possibly followed by the linking "s" or "en" ("klanten", "leverings").
bool IsKnownModifier(std::string_view s) {
  if (IsKnownPart(s)) return true;
  if (s.size() > 3 && s.ends_with('s') && IsKnownPart(s.substr(0, s.size() - 1))) return true;
  return s.size() > 4 && s.ends_with("en") && IsKnownPart(s.substr(0, s.size() - 2));
}

bool IsLongUnknownPart(std::string_view s) {
  if (s.size() < kMinUnknownPart) return false;
  return std::none_of(kSuffixStarts.begin(), kSuffixStarts.end(),
                      [s](std::string_view suffix) { return s.starts_with(suffix); });
}

// Splits `s` into known parts only (rule 1), appending them to `parts`.
bool SplitKnown(std::string_view s, std::vector<std::string>& parts) {
  for (size_t i = 3; i + 3 <= s.size(); ++i) {
    const std::string_view left = s.substr(0, i), right = s.substr(i);
    if (!IsKnownModifier(left)) continue;
    const size_t mark = parts.size();
    parts.emplace_back(left);
    if (IsKnownPart(right)) {
      parts.emplace_back(right);
      return true;
    }
    if (SplitKnown(right, parts)) return true;
    parts.resize(mark);
  }
  return false;
}

}  // namespace

std::vector<std::string> SplitCompound(std::string_view norm) {
  std::vector<std::string> parts;
  if (norm.size() <= kMaxCompound && !IsKnownPart(norm) && !Contains(kNotCompounds, norm)) {
    if (SplitKnown(norm, parts)) return parts;
    parts.clear();
    // Rule 2: a known part (bare before linked) and a long unknown rest, or a long unknown modifier and a
    // known head.
    for (const bool linked : {false, true}) {
      for (size_t i = norm.size() - kMinUnknownPart; i >= 3 && norm.size() >= kMinUnknownPart + 3; --i) {
        const std::string_view left = norm.substr(0, i), right = norm.substr(i);
        if ((linked ? IsKnownModifier(left) : IsKnownPart(left)) && IsLongUnknownPart(right)) {
          return {std::string(left), std::string(right)};
        }
      }
    }
    for (size_t i = kMinUnknownPart; i + kMinKnownHead <= norm.size(); ++i) {
      const std::string_view left = norm.substr(0, i), right = norm.substr(i);
      if (IsKnownPart(right) && !IsKnownModifier(left)) return {std::string(left), std::string(right)};
    }
  }
  return {std::string(norm)};
}

}  // namespace ks::text
