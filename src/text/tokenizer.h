// Tokenizer for customer feedback text (UTF-8): words, numbers, emoji, emoticons, URLs, e-mail addresses
// and punctuation with their byte offsets and a folded `norm` (lowercase, no diacritics; see folding.h),
// grouped into sentences. It keeps what feedback needs whole: Dutch elisions ("'s avonds", "zo'n", "m'n"),
// contractions ("don't"), hyphenated words ("e-mail"), prices and ordinals ("€12,50", "3e"), emoji
// sequences (ZWJ, skin tones, flags) and emoticons (":-)", "<3"). Also the Dutch compound splitter and
// the negation words that sentiment uses.
// Single pass, no regular expressions; `Tokenize` into a reused `Tokenized` allocates only for norms
// longer than the small-string buffer. Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ks::text {

enum class TokenKind : uint8_t {
  kWord,         // letters, with internal apostrophes and hyphens; may start with digits ("4g", "mp3")
  kNumber,       // "12", "12,50", "€12", "50%", "3e", "10:30", "10/10"
  kEmoji,        // one emoji or emoji sequence (ZWJ, skin tone, variation selector, flag, keycap)
  kEmoticon,     // ":)", ":-(", ";)", ":D", "<3", "xD", …
  kUrl,          // "https://…", "www.…", bare domains with a common TLD ("bol.com", "coolblue.nl")
  kEmail,        // "naam@example.nl"
  kPunctuation,  // any other symbol or punctuation character, one token each
  kSentenceEnd,  // a run of ".", "!", "?", "…" that ends a sentence ("?!", "...")
};

struct Token {
  TokenKind kind = TokenKind::kWord;
  size_t begin = 0;  // byte offset of the first byte in the text
  size_t end = 0;    // byte offset one past the last byte
  // Words and numbers: folded (lowercase, no diacritics, "’" → "'"; "'s  Avonds" → "'s avonds").
  // URLs and e-mail addresses: ASCII-lowercased. Emoji: the sequence without variation selectors and
  // skin-tone modifiers (so "👍🏽" and "👍" share a norm). Emoticons: without the nose (":-)" → ":)") and
  // repeats (":)))" → ":)"). Punctuation: the character; sentence ends: the first character of the run
  // ("!!!" → "!", "…" and "..." → "...").
  std::string norm;
};

// Tokens [first_token, end_token) of `Tokenized::tokens`, covering bytes [begin, end) of the text.
// A sentence ends after a sentence-end token (emoji and emoticons that directly follow it on the same
// line still belong to it: "Top! 😀") or at a line break.
struct Sentence {
  size_t first_token = 0;
  size_t end_token = 0;
  size_t begin = 0;
  size_t end = 0;
};

struct Tokenized {
  std::vector<Token> tokens;
  std::vector<Sentence> sentences;
};

struct TokenizeOptions {
  // When false, URLs are left out of the tokens (they still separate words). Default: kept.
  bool keep_urls = true;
  // When false, e-mail addresses are left out of the tokens. Default: kept.
  bool keep_emails = true;
};

// Tokenizes `text` into `out`, replacing its contents but reusing its buffers (the fast path for
// batches). Bytes that are not well-formed UTF-8 separate tokens and never appear in a norm.
void Tokenize(std::string_view text, const TokenizeOptions& options, Tokenized& out);
Tokenized Tokenize(std::string_view text, const TokenizeOptions& options = {});

// True when the word `norm` negates what follows it in `language` ("nl", "en", "fr", "de"; any other
// value checks all four): nl niet, geen, nooit, niets, niks, nergens, niemand; en not, no, never,
// nothing, nobody, none, nowhere, neither, nor, cannot and every "n't" form ("don't", also "dont").
bool IsNegation(std::string_view norm, std::string_view language);

// Splits a folded Dutch compound into its parts using a built-in list of parts common in service
// feedback (klant, service, bezorg, lever, tijd, prijs, pakket, medewerker, …), keeping a linking "s" or
// "en" on the left part: "klantenservice" → {"klanten", "service"}, "leveringstijd" → {"leverings",
// "tijd"}, "klantenservicemedewerker" → three parts. The rule is conservative:
//   1. a split where every part is a known part (a left part may carry a linking "s"/"en") wins;
//   2. otherwise one known part may be joined by one unknown part of at least 6 letters that does not
//      start like a suffix ("ing", "lijk", "heid", "baar", …): "klantvriendelijk", "pakketautomaat";
//   3. otherwise, and for a word on the list of derived words that look like compounds ("bestelling",
//      "leverancier", "tijdelijk"), nothing is split.
// Returns {norm} when it does not split.
std::vector<std::string> SplitCompound(std::string_view norm);

}  // namespace ks::text
