#include "web/charts/svg_writer.h"

#include <array>
#include <charconv>
#include <cmath>
#include <stdexcept>

#include "base/strings.h"

namespace ks::web::charts {
namespace {

bool IsNameChar(char c, bool first) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return true;
  return !first && ((c >= '0' && c <= '9') || c == '-' || c == ':');
}

void CheckName(std::string_view name, bool is_attribute) {
  if (name.empty()) throw std::invalid_argument("markup name is empty");
  for (size_t i = 0; i < name.size(); ++i) {
    if (!IsNameChar(name[i], i == 0)) throw std::invalid_argument("bad markup name: " + std::string(name));
  }
  const std::string lower = ToLowerAscii(name);
  if (is_attribute) {
    // Inline styles and event handlers are blocked by the pages' CSP and are injection points.
    if (lower == "style" || lower.starts_with("on")) {
      throw std::invalid_argument("attribute not allowed under the CSP: " + std::string(name));
    }
  } else if (lower == "script" || lower == "style" || lower == "foreignobject") {
    throw std::invalid_argument("element not allowed under the CSP: " + std::string(name));
  }
}

}  // namespace

std::string EscapeXml(std::string_view text) {
  const bool valid = IsValidUtf8(text);
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default:
        if (c < 0x20 && ch != '\t' && ch != '\n' && ch != '\r') break;  // not allowed in XML 1.0
        if (c >= 0x80 && !valid) {
          out += "\xEF\xBF\xBD";
        } else {
          out += ch;
        }
    }
  }
  return out;
}

std::string FormatFixed(double value, int decimals) {
  if (!std::isfinite(value)) value = 0;
  if (decimals < 0) decimals = 0;
  if (decimals > 12) decimals = 12;
  std::array<char, 400> buffer{};  // enough for DBL_MAX in fixed notation
  const auto result =
      std::to_chars(buffer.data(), buffer.data() + buffer.size(), value, std::chars_format::fixed, decimals);
  std::string out(buffer.data(), result.ptr);
  if (!out.empty() && out[0] == '-' && out.find_first_not_of("-0.") == std::string::npos) out.erase(0, 1);
  return out;
}

std::string FormatCoordinate(double value) {
  std::string out = FormatFixed(value, 2);
  if (out.find('.') != std::string::npos) {
    while (out.back() == '0') out.pop_back();
    if (out.back() == '.') out.pop_back();
  }
  if (out == "-0") out = "0";
  return out;
}

std::string SafeHref(std::string_view href) {
  for (const char ch : href) {
    const auto c = static_cast<unsigned char>(ch);
    // Browsers strip tabs, newlines and leading spaces from URLs ("java\tscript:"): refuse them all.
    if (c <= 0x20 || c == 0x7F) return "";
  }
  const size_t delimiter = href.find_first_of(":/?#");
  if (delimiter == std::string_view::npos || href[delimiter] != ':') return std::string(href);  // relative
  const std::string scheme = ToLowerAscii(href.substr(0, delimiter));
  if (scheme == "http" || scheme == "https" || scheme == "mailto") return std::string(href);
  return "";
}

std::string TruncateLabel(std::string_view text, size_t max_code_points) {
  if (CodePointCount(text) <= max_code_points) return std::string(text);
  if (max_code_points == 0) return "";
  size_t kept = 0;
  size_t end = 0;
  for (; end < text.size(); ++end) {
    if ((static_cast<unsigned char>(text[end]) & 0xC0) != 0x80) {
      if (kept == max_code_points - 1) break;
      ++kept;
    }
  }
  return std::string(text.substr(0, end)) + "\xE2\x80\xA6";
}

void SvgWriter::Indent() {
  if (!out_.empty()) out_ += '\n';
  out_.append(open_.size() * 2, ' ');
}

void SvgWriter::StartTag(std::string_view tag, const Attribute* begin, const Attribute* end) {
  CheckName(tag, false);
  Indent();
  out_ += '<';
  out_ += tag;
  for (const Attribute* a = begin; a != end; ++a) {
    CheckName(a->name, true);
    if ((a->name == "href" || a->name == "xlink:href") && SafeHref(a->value) != a->value) {
      throw std::invalid_argument("unsafe href; pass it through SafeHref first");
    }
    out_ += ' ';
    out_ += a->name;
    out_ += "=\"";
    out_ += EscapeXml(a->value);
    out_ += '"';
  }
}

SvgWriter& SvgWriter::Open(std::string_view tag, std::initializer_list<Attribute> attributes) {
  StartTag(tag, attributes.begin(), attributes.end());
  out_ += '>';
  open_.emplace_back(tag);
  return *this;
}

SvgWriter& SvgWriter::Open(std::string_view tag, const std::vector<Attribute>& attributes) {
  StartTag(tag, attributes.data(), attributes.data() + attributes.size());
  out_ += '>';
  open_.emplace_back(tag);
  return *this;
}

SvgWriter& SvgWriter::Close() {
  if (open_.empty()) throw std::logic_error("SvgWriter::Close without an open element");
  const std::string tag = std::move(open_.back());
  open_.pop_back();
  Indent();
  out_ += "</";
  out_ += tag;
  out_ += '>';
  return *this;
}

SvgWriter& SvgWriter::Leaf(std::string_view tag, std::initializer_list<Attribute> attributes) {
  StartTag(tag, attributes.begin(), attributes.end());
  out_ += "/>";
  return *this;
}

SvgWriter& SvgWriter::Leaf(std::string_view tag, const std::vector<Attribute>& attributes) {
  StartTag(tag, attributes.data(), attributes.data() + attributes.size());
  out_ += "/>";
  return *this;
}

SvgWriter& SvgWriter::TextElement(std::string_view tag, std::initializer_list<Attribute> attributes,
                                  std::string_view text) {
  StartTag(tag, attributes.begin(), attributes.end());
  out_ += '>';
  out_ += EscapeXml(text);
  out_ += "</";
  out_ += tag;
  out_ += '>';
  return *this;
}

SvgWriter& SvgWriter::TextElement(std::string_view tag, const std::vector<Attribute>& attributes,
                                  std::string_view text) {
  StartTag(tag, attributes.data(), attributes.data() + attributes.size());
  out_ += '>';
  out_ += EscapeXml(text);
  out_ += "</";
  out_ += tag;
  out_ += '>';
  return *this;
}

std::string SvgWriter::Finish() {
  while (!open_.empty()) Close();
  out_ += '\n';
  return std::move(out_);
}

}  // namespace ks::web::charts
