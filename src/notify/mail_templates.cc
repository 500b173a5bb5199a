#include "notify/mail_templates.h"

#include <map>

#include "base/embedded_file.h"

namespace ks::notify {

const std::vector<EmbeddedFile>& EmbeddedMailTemplates();

namespace {

const std::map<std::string, std::string, std::less<>>& Templates() {
  static const std::map<std::string, std::string, std::less<>> kTemplates = [] {
    std::map<std::string, std::string, std::less<>> templates;
    for (const auto& file : EmbeddedMailTemplates()) {
      std::string name = file.name;
      name.resize(name.size() - std::string_view(".mustache").size());
      templates.emplace(std::move(name), file.content);
    }
    return templates;
  }();
  return kTemplates;
}

const std::string* Find(std::string_view kind, std::string_view language, std::string_view part) {
  const auto it = Templates().find(std::string(kind) + "." + std::string(language) + "." + std::string(part));
  return it == Templates().end() ? nullptr : &it->second;
}

void AppendUtf8(std::string& out, unsigned long code) {
  if (code < 0x80) {
    out += static_cast<char>(code);
  } else if (code < 0x800) {
    out += static_cast<char>(0xC0 | (code >> 6));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else if (code < 0x10000) {
    out += static_cast<char>(0xE0 | (code >> 12));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (code >> 18));
    out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  }
}

// One line, so no value can add a header.
std::string OneLine(std::string s) {
  for (char& ch : s) {
    if (ch == '\r' || ch == '\n' || ch == '\t') ch = ' ';
  }
  return s;
}

}  // namespace

std::string UnescapeHtml(std::string_view text) {
  static const std::pair<std::string_view, char> kNamed[] = {
      {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''}};
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    if (text[i] != '&') {
      out += text[i++];
      continue;
    }
    bool done = false;
    for (const auto& [entity, ch] : kNamed) {
      if (text.substr(i, entity.size()) == entity) {
        out += ch;
        i += entity.size();
        done = true;
        break;
      }
    }
    if (!done && text.substr(i, 2) == "&#") {
      const size_t end = text.find(';', i);
      const bool hex = i + 2 < text.size() && (text[i + 2] == 'x' || text[i + 2] == 'X');
      if (end != std::string_view::npos && end - i <= 10) {
        const std::string digits(text.substr(i + (hex ? 3 : 2), end - i - (hex ? 3 : 2)));
        try {
          size_t used = 0;
          const unsigned long code = std::stoul(digits, &used, hex ? 16 : 10);
          if (used == digits.size() && code > 0 && code < 0x110000) {
            AppendUtf8(out, code);
            i = end + 1;
            done = true;
          }
        } catch (const std::exception&) {
        }
      }
    }
    if (!done) out += text[i++];
  }
  return out;
}

Result<Mail> RenderMail(std::string_view kind, std::string_view language, const mstch::map& context,
                        std::string to_address, std::string to_name) {
  std::string_view lang = Find(kind, language, "subject") ? language : "en";
  const std::string* subject = Find(kind, lang, "subject");
  const std::string* text = Find(kind, lang, "text");
  const std::string* html = Find(kind, lang, "html");
  if (subject == nullptr || text == nullptr) return Error::NotFound("no mail template '" + std::string(kind) + "'");
  Mail mail;
  mail.kind = std::string(kind);
  mail.to_address = OneLine(std::move(to_address));
  mail.to_name = OneLine(std::move(to_name));
  mail.subject = OneLine(UnescapeHtml(mstch::render(*subject, context)));
  while (!mail.subject.empty() && mail.subject.back() == ' ') mail.subject.pop_back();
  mail.text_body = UnescapeHtml(mstch::render(*text, context));
  if (html != nullptr) mail.html_body = mstch::render(*html, context);
  return mail;
}

}  // namespace ks::notify
