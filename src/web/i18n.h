// The UI's message catalogues (web/i18n/<language>[.<part>].json, compiled into the binary; the
// parts of one language are merged, so each feature can keep its messages in a part of its own) and the choice of
// language for a request: the user's preference, else the browser's Accept-Language, else the
// organisation's default.
//
// A catalogue is a flat JSON object of message keys ("nav_inbox") to texts. Templates read them as
// {{t.nav_inbox}}; C++ code uses Get(). Every language has every key of the English catalogue (a unit
// test checks it), so a missing translation is a test failure, not a blank on a page.
//
// Thread-safety: immutable after construction.
#pragma once

#include <map>
#include <mstch/mstch.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "base/embedded_file.h"

namespace ks::web {

class Catalog {
 public:
  Catalog(std::string language, std::map<std::string, std::string> messages);

  const std::string& language() const { return language_; }
  // The message, or the key itself when there is none (visible, never empty).
  const std::string& Get(const std::string& key) const;
  // The message with {0}, {1}, … replaced by `args`.
  std::string Format(const std::string& key, const std::vector<std::string>& args) const;
  // All messages, for templates ({{t.key}}).
  const mstch::map& AsMap() const { return as_map_; }
  const std::map<std::string, std::string>& messages() const { return messages_; }

 private:
  std::string language_;
  std::map<std::string, std::string> messages_;
  mstch::map as_map_;
};

class I18n {
 public:
  // Loads the embedded catalogues of the web application; throws std::runtime_error if one is not a
  // flat JSON object.
  I18n();
  // Loads other catalogues named the same way (the public survey pages' own, in more languages).
  explicit I18n(const std::vector<EmbeddedFile>& files);

  // The catalogue for `language`, or the English one.
  const Catalog& For(std::string_view language) const;
  std::vector<std::string> Languages() const;

  // `preference` (the user's setting) when it is a UI language; else the best Accept-Language match
  // (q-values honoured, "nl-BE" matches nl); else `fallback`.
  std::string Pick(std::string_view preference, std::string_view accept_language, std::string_view fallback) const;

 private:
  std::map<std::string, Catalog, std::less<>> catalogs_;
};

}  // namespace ks::web
