#include "web/templates.h"

#include <stdexcept>

namespace ks::web {

Templates::Templates(const std::vector<const std::vector<EmbeddedFile>*>& sets) {
  for (const auto* set : sets) {
    for (const auto& file : *set) {
      std::string name = file.name;
      const auto dot = name.find('.');
      if (dot != std::string::npos) name.resize(dot);
      if (!templates_.emplace(name, file.content).second) {
        throw std::invalid_argument("two templates are named '" + name + "'");
      }
    }
  }
}

std::string Templates::Render(std::string_view name, const mstch::node& context) const {
  const auto it = templates_.find(std::string(name));
  if (it == templates_.end()) throw std::out_of_range("no template named '" + std::string(name) + "'");
  return mstch::render(it->second, context, templates_);
}

}  // namespace ks::web
