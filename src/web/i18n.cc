#include "web/i18n.h"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "base/embedded_file.h"
#include "base/strings.h"

namespace ks::web {

const std::vector<EmbeddedFile>& EmbeddedCatalogs();

Catalog::Catalog(std::string language, std::map<std::string, std::string> messages)
    : language_(std::move(language)), messages_(std::move(messages)) {
  for (const auto& [key, text] : messages_) as_map_.emplace(key, text);
}

const std::string& Catalog::Get(const std::string& key) const {
  const auto it = messages_.find(key);
  return it == messages_.end() ? key : it->second;
}

std::string Catalog::Format(const std::string& key, const std::vector<std::string>& args) const {
  std::string text = Get(key);
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string placeholder = "{" + std::to_string(i) + "}";
    for (size_t at = text.find(placeholder); at != std::string::npos;
         at = text.find(placeholder, at + args[i].size())) {
      text.replace(at, placeholder.size(), args[i]);
    }
  }
  return text;
}

I18n::I18n() : I18n(EmbeddedCatalogs()) {}

I18n::I18n(const std::vector<EmbeddedFile>& files) {
  // Files are named <language>.json or <language>.<part>.json; the parts of a language are merged.
  std::map<std::string, std::map<std::string, std::string>> by_language;
  for (const auto& file : files) {
    const std::string name = file.name;
    const std::string language = name.substr(0, name.find('.'));
    const auto json = nlohmann::json::parse(file.content);
    if (!json.is_object()) throw std::runtime_error("catalogue " + name + " is not an object");
    auto& messages = by_language[language];
    for (const auto& [key, value] : json.items()) {
      if (!value.is_string()) throw std::runtime_error(fmt::format("catalogue {}: {} is not a string", name, key));
      if (!messages.emplace(key, value.get<std::string>()).second) {
        throw std::runtime_error(fmt::format("catalogue {}: {} is defined twice for {}", name, key, language));
      }
    }
  }
  for (auto& [language, messages] : by_language) catalogs_.emplace(language, Catalog(language, std::move(messages)));
}

const Catalog& I18n::For(std::string_view language) const {
  const auto it = catalogs_.find(language);
  return it != catalogs_.end() ? it->second : catalogs_.at("en");
}

std::vector<std::string> I18n::Languages() const {
  std::vector<std::string> out;
  for (const auto& [language, catalog] : catalogs_) out.push_back(language);
  return out;
}

std::string I18n::Pick(std::string_view preference, std::string_view accept_language, std::string_view fallback) const {
  if (catalogs_.count(preference) > 0) return std::string(preference);
  std::string best;
  double best_q = 0;
  for (const auto& part : Split(accept_language, ',')) {
    const auto pieces = Split(part, ';');
    if (pieces.empty()) continue;
    std::string tag(Trim(pieces[0]));
    std::transform(tag.begin(), tag.end(), tag.begin(), [](unsigned char ch) { return std::tolower(ch); });
    tag = tag.substr(0, tag.find('-'));
    double q = 1;
    for (size_t i = 1; i < pieces.size(); ++i) {
      const std::string_view p = Trim(pieces[i]);
      if (p.rfind("q=", 0) == 0) {
        try {
          q = std::stod(std::string(p.substr(2)));
        } catch (const std::exception&) {
          q = 0;
        }
      }
    }
    if (q > best_q && catalogs_.count(tag) > 0) {
      best = tag;
      best_q = q;
    }
  }
  if (!best.empty()) return best;
  return catalogs_.count(fallback) > 0 ? std::string(fallback) : "en";
}

}  // namespace ks::web
