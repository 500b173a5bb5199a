#include "app/text_commands.h"

#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>

#include "text/evaluation.h"
#include "text/language.h"
#include "text/taxonomy.h"

namespace ks {
namespace {

// The whole file, or nullopt (with a message on stderr) when it cannot be read.
std::optional<std::string> ReadFile(const std::string& path, const char* what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::cerr << "klantstem: cannot read the " << what << " file " << path << "\n";
    return std::nullopt;
  }
  std::ostringstream content;
  content << in.rdbuf();
  return std::move(content).str();
}

}  // namespace

int TextEvalCommand(const std::string& data_path, const std::string& format, const std::string& taxonomy_path,
                    const std::string& language) {
  if (format != "semeval" && format != "tsv") {
    std::cerr << "klantstem: --format must be semeval or tsv, not '" << format << "'\n";
    return 2;
  }
  if (!language.empty() && !text::IsSupportedLanguage(language)) {
    std::cerr << "klantstem: --language must be nl, en, fr or de, not '" << language << "'\n";
    return 2;
  }
  text::Taxonomy taxonomy = text::DefaultTaxonomy();
  if (!taxonomy_path.empty()) {
    const auto json = ReadFile(taxonomy_path, "taxonomy");
    if (!json) return 2;
    auto parsed = text::ParseTaxonomy(*json);
    if (!parsed.ok()) {
      std::cerr << "klantstem: " << taxonomy_path << ": " << parsed.error().ToString() << "\n";
      return 2;
    }
    taxonomy = std::move(parsed).value();
  }
  const auto content = ReadFile(data_path, "data");
  if (!content) return 2;
  auto data = text::ParseLabelled(*content, format == "semeval" ? text::EvalFormat::kSemEval : text::EvalFormat::kTsv);
  if (!data.ok()) {
    std::cerr << "klantstem: " << data_path << ": " << data.error().ToString() << "\n";
    return 2;
  }
  const text::TextAnalyzer analyzer(taxonomy, taxonomy_path.empty() ? 0 : 1);
  std::cout << "data                      " << data_path << " (" << format << ")\n"
            << "taxonomy                  " << (taxonomy_path.empty() ? "built-in default" : taxonomy_path) << "\n"
            << "fallback language         " << (language.empty() ? "none" : language) << "\n"
            << text::FormatReport(text::Evaluate(*data, analyzer, language));
  return 0;
}

}  // namespace ks
