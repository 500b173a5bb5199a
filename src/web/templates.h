// Templates: the mustache templates of every feature, compiled into the binary, rendered with mstch.
//
// Each feature embeds its own `templates/*.mustache` files (klantstem_embed) and the composition root
// hands all sets to one Templates object; a template is named by its file name without the extension
// ("inbox" for inbox.mustache) and every template can include any other as a partial ({{> name}}).
// `{{x}}` escapes HTML; `{{{x}}}` is used only for HTML that klantstem itself produced (the page body
// inside the layout, SVG charts), never for user data.
//
// Thread-safety: immutable after construction; Render may be called from any thread.
#pragma once

#include <map>
#include <mstch/mstch.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "base/embedded_file.h"

namespace ks::web {

// The web folder's own templates (the layout, the message page).
const std::vector<EmbeddedFile>& EmbeddedWebTemplates();

class Templates {
 public:
  // Throws std::invalid_argument when two sets have a template of the same name (a build mistake).
  explicit Templates(const std::vector<const std::vector<EmbeddedFile>*>& sets);

  // Throws std::out_of_range for an unknown template: a programming error, caught by the server's
  // handler wrapper as a 500.
  std::string Render(std::string_view name, const mstch::node& context) const;

  bool Has(std::string_view name) const { return templates_.count(std::string(name)) > 0; }

 private:
  std::map<std::string, std::string> templates_;
};

}  // namespace ks::web
