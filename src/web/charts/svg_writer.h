// A small streaming writer for SVG and HTML markup, plus the escaping and number formatting every
// chart uses. All text and attribute values go through EscapeXml, so callers can pass user data
// (unit names, free-text labels) without thinking about it.
//
// The pages run under a strict Content-Security-Policy (no inline script or style), so the writer
// refuses to emit what the policy would block or what would be a script injection point: `<script>`
// and `<style>` elements, `style` attributes and event-handler (`on*`) attributes. Asking for one is
// a programming error and throws std::invalid_argument.
//
// Thread-safety: the free functions are pure and thread-safe; an SvgWriter instance is not shared
// between threads (each chart renders with its own).
#pragma once

#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace ks::web::charts {

// Escapes &, <, >, " and ' for use in XML/HTML text and double-quoted attribute values. Control
// characters that XML 1.0 forbids are dropped; when `text` is not valid UTF-8, every non-ASCII
// byte becomes U+FFFD so the document stays well-formed.
std::string EscapeXml(std::string_view text);

// `value` with exactly `decimals` places, '.' as the separator, never "-0" and never exponent
// notation; non-finite values format as "0". Independent of the C and C++ locales.
std::string FormatFixed(double value, int decimals);

// A coordinate for geometry attributes: at most two decimals, trailing zeros trimmed ("12", "12.5").
std::string FormatCoordinate(double value);

// `href` when it is safe to put in a link: relative URLs ("/inbox?score=3", "?x=1", "#a") and the
// schemes http, https and mailto. Anything else (javascript:, data:, vbscript:, …) yields "", which
// the charts treat as "no link".
std::string SafeHref(std::string_view href);

// At most `max_code_points` code points of UTF-8 `text`; when cut, the last one is "…".
std::string TruncateLabel(std::string_view text, size_t max_code_points);

// One attribute; `value` is escaped when written.
struct Attribute {
  std::string_view name;
  std::string value;
};

// Writes indented markup (one element per line) so golden files stay readable and diffable.
// Elements are closed in order with Close(); Finish() closes whatever is still open.
class SvgWriter {
 public:
  SvgWriter() = default;

  // <tag attrs…> — children follow until the matching Close().
  SvgWriter& Open(std::string_view tag, std::initializer_list<Attribute> attributes = {});
  SvgWriter& Open(std::string_view tag, const std::vector<Attribute>& attributes);
  SvgWriter& Close();
  // <tag attrs…/> — only for SVG; HTML uses TextElement (HTML has no self-closing syntax).
  SvgWriter& Leaf(std::string_view tag, std::initializer_list<Attribute> attributes = {});
  SvgWriter& Leaf(std::string_view tag, const std::vector<Attribute>& attributes);
  // <tag attrs…>escaped text</tag>
  SvgWriter& TextElement(std::string_view tag, std::initializer_list<Attribute> attributes, std::string_view text);
  SvgWriter& TextElement(std::string_view tag, const std::vector<Attribute>& attributes, std::string_view text);

  // Closes every open element and returns the document (ending in a newline).
  std::string Finish();

 private:
  void StartTag(std::string_view tag, const Attribute* begin, const Attribute* end);
  void Indent();

  std::string out_;
  std::vector<std::string> open_;
};

}  // namespace ks::web::charts
