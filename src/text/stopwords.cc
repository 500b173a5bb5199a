#include "text/stopwords.h"

#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "base/embedded_file.h"
#include "text/search_terms.h"

namespace ks::text {

const std::vector<EmbeddedFile>& EmbeddedStopwords();

namespace {

using Lists = std::map<std::string, std::set<std::string, std::less<>>, std::less<>>;

Lists Load() {
  Lists lists;
  const auto all = nlohmann::json::parse(EmbeddedStopwords().at(0).content);
  for (const char* language : {"nl", "en", "fr", "de"}) {
    auto& list = lists[language];
    for (const auto& word : all.at(language)) {
      for (auto& w : Words(word.get<std::string>())) list.insert(std::move(w));
    }
  }
  return lists;
}

const Lists& All() {
  static const Lists lists = Load();
  return lists;
}

}  // namespace

bool IsStopword(std::string_view word, std::string_view language) {
  const Lists& lists = All();
  if (auto it = lists.find(language); it != lists.end()) return it->second.contains(word);
  return lists.find("nl")->second.contains(word) || lists.find("en")->second.contains(word);
}

}  // namespace ks::text
