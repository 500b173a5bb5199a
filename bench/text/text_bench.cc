// text_bench: how fast klantstem analyses feedback text on the write path (bench/text/README.md).
// A corpus of ~200-byte Dutch and English service comments is generated deterministically from word
// lists below; TextAnalyzer::Analyze runs over it on one thread, and so does each stage alone (language,
// tokenizer, sentiment, topics, key phrases) to show where the time goes. A plain copy-and-lowercase pass
// over the same corpus is the reference; the summary prints Analyze's throughput against the target and
// as a multiple of the reference's cost.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <map>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "text/analyzer.h"
#include "text/key_phrases.h"
#include "text/language.h"
#include "text/search_terms.h"
#include "text/sentiment.h"
#include "text/tokenizer.h"
#include "text/topics.h"

namespace {

constexpr size_t kCorpusSize = 4096;
constexpr size_t kTargetBytes = 200;
constexpr double kTargetPerSecond = 50'000;

// A sentence template: slots, each with its alternatives; the chosen ones are joined by spaces.
using Template = std::vector<std::vector<std::string_view>>;

struct Lexicon {
  const char* language;
  std::vector<Template> templates;
};

// Sentences made of slots; each slot picks one alternative. Realistic service feedback: delivery, staff,
// price, waiting, the shop, the app, repairs.
const Lexicon& Dutch() {
  static const Lexicon lexicon{
      "nl",
      {
          {{"De", "Het"},
           {"bezorging", "levering", "klantenservice", "bezorger", "chauffeur", "monteur", "pakket", "bestelling",
            "medewerker", "website", "app", "winkel", "kassa"},
           {"was", "is", "leek"},
           {"erg", "heel", "echt", "best", "niet", "super", "veel te", "totaal niet"},
           {"snel", "traag", "vriendelijk", "onbeleefd", "duur", "goed geregeld", "slordig", "behulpzaam", "laat",
            "duidelijk", "professioneel", "rommelig"}},
          {{"Ik moest", "We moesten", "Mijn moeder moest"},
           {"twee", "drie", "vijf", "tien", "veertig"},
           {"dagen", "weken", "minuten", "kwartier"},
           {"wachten op", "bellen voor", "mailen over"},
           {"mijn pakket.", "de monteur.", "een antwoord.", "de terugbetaling.", "de nieuwe afspraak."}},
          {{"Lange wachttijd", "Snelle levering", "Vriendelijke chauffeur", "Hoge prijs", "Slechte communicatie",
            "Prima service", "Goede prijs-kwaliteitverhouding"},
           {"maar", "en", "want"},
           {"de klantenservice", "de bezorgtijd", "het personeel", "de verzendkosten", "de kwaliteit"},
           {"was", "viel"},
           {"tegen.", "mee.", "prima.", "een ramp!", "top!"}},
          {{"Helaas", "Gelukkig", "Gisteren", "Vorige week"},
           {"werd mijn bestelling", "kwam het pakket", "belde de medewerker", "reageerde niemand"},
           {"te laat", "netjes op tijd", "pas na drie dagen", "zonder excuses"},
           {"en dat vind ik jammer.", "dus ik ben tevreden.", "zoals beloofd.", ":("}},
          {{"Ik raad", "Wij raden"},
           {"deze winkel", "jullie service", "dit bedrijf"},
           {"zeker", "niet", "absoluut"},
           {"aan!", "aan.", "aan, echt waar."}},
      }};
  return lexicon;
}

const Lexicon& English() {
  static const Lexicon lexicon{
      "en",
      {
          {{"The"},
           {"delivery", "customer service", "driver", "engineer", "parcel", "order", "staff", "website", "app",
            "checkout", "store manager"},
           {"was", "is", "seemed"},
           {"very", "really", "not", "super", "way too", "extremely"},
           {"fast", "slow", "friendly", "rude", "expensive", "helpful", "late", "clear", "professional", "messy"}},
          {{"I had to", "We had to", "My mother had to"},
           {"wait", "call", "email"},
           {"two", "three", "five", "ten", "forty"},
           {"days", "weeks", "minutes", "hours"},
           {"for my parcel.", "for the engineer.", "for an answer.", "for a refund.", "about the invoice."}},
          {{"Long waiting time", "Fast delivery", "Friendly driver", "High price", "Poor communication",
            "Great service", "Good value for money"},
           {"but", "and", "because"},
           {"the support team", "the delivery time", "the staff", "the shipping costs", "the quality"},
           {"was", "felt"},
           {"disappointing.", "fine.", "great!", "a disaster!", "excellent :)"}},
          {{"Unfortunately", "Luckily", "Yesterday", "Last week"},
           {"my order", "the package", "the technician", "nobody"},
           {"arrived late", "came on time", "called back", "answered"},
           {"which is a shame.", "so I am happy.", "as promised.", "after three days."}},
          {{"I would", "We would"},
           {"definitely", "never", "happily"},
           {"recommend"},
           {"this shop!", "your service.", "this company to everyone."}},
      }};
  return lexicon;
}

// A comment of about kTargetBytes: sentences from one lexicon until it is long enough.
std::string Comment(const Lexicon& lexicon, std::mt19937& random) {
  std::string text;
  while (text.size() < kTargetBytes - 25) {
    const auto& slots = lexicon.templates[random() % lexicon.templates.size()];
    if (!text.empty()) text += ' ';
    for (size_t s = 0; s < slots.size(); ++s) {
      if (s > 0) text += ' ';
      text += slots[s][random() % slots[s].size()];
    }
  }
  return text;
}

struct Item {
  std::string text;
  std::string language;
};

const std::vector<Item>& Corpus() {
  static const std::vector<Item> corpus = [] {
    std::mt19937 random(20260401);
    std::vector<Item> items;
    items.reserve(kCorpusSize);
    for (size_t i = 0; i < kCorpusSize; ++i) {
      const Lexicon& lexicon = i % 2 == 0 ? Dutch() : English();
      items.push_back({Comment(lexicon, random), lexicon.language});
    }
    return items;
  }();
  return corpus;
}

const std::vector<ks::text::Tokenized>& TokenizedCorpus() {
  static const std::vector<ks::text::Tokenized> tokenized = [] {
    std::vector<ks::text::Tokenized> out;
    for (const Item& item : Corpus()) out.push_back(ks::text::Tokenize(item.text));
    return out;
  }();
  return tokenized;
}

// Runs `work` over the corpus, one item per iteration, and reports items and bytes per second.
template <typename Work>
void OverCorpus(benchmark::State& state, Work&& work) {
  const auto& corpus = Corpus();
  size_t i = 0;
  int64_t bytes = 0;
  for (auto _ : state) {
    work(i);
    bytes += static_cast<int64_t>(corpus[i].text.size());
    i = i + 1 == corpus.size() ? 0 : i + 1;
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(bytes);
}

void BM_Analyze(benchmark::State& state) {
  const ks::text::TextAnalyzer analyzer;
  const auto& corpus = Corpus();
  OverCorpus(state, [&](size_t i) { benchmark::DoNotOptimize(analyzer.Analyze(corpus[i].text)); });
}
BENCHMARK(BM_Analyze);

void BM_DetectLanguage(benchmark::State& state) {
  const auto& corpus = Corpus();
  OverCorpus(state, [&](size_t i) { benchmark::DoNotOptimize(ks::text::DetectLanguage(corpus[i].text)); });
}
BENCHMARK(BM_DetectLanguage);

void BM_Tokenize(benchmark::State& state) {
  const auto& corpus = Corpus();
  ks::text::Tokenized tokens;
  OverCorpus(state, [&](size_t i) {
    ks::text::Tokenize(corpus[i].text, {}, tokens);
    benchmark::DoNotOptimize(tokens.tokens.data());
  });
}
BENCHMARK(BM_Tokenize);

void BM_ScoreSentiment(benchmark::State& state) {
  const auto& corpus = Corpus();
  OverCorpus(state,
             [&](size_t i) { benchmark::DoNotOptimize(ks::text::ScoreSentiment(corpus[i].text, corpus[i].language)); });
}
BENCHMARK(BM_ScoreSentiment);

void BM_TopicMatch(benchmark::State& state) {
  const ks::text::TopicMatcher matcher(ks::text::DefaultTaxonomy());
  const auto& corpus = Corpus();
  const auto& tokenized = TokenizedCorpus();
  OverCorpus(state, [&](size_t i) { benchmark::DoNotOptimize(matcher.Match(tokenized[i], corpus[i].language)); });
}
BENCHMARK(BM_TopicMatch);

void BM_KeyPhrases(benchmark::State& state) {
  const auto& corpus = Corpus();
  const auto& tokenized = TokenizedCorpus();
  OverCorpus(state,
             [&](size_t i) { benchmark::DoNotOptimize(ks::text::KeyPhrases(tokenized[i], corpus[i].language)); });
}
BENCHMARK(BM_KeyPhrases);

// The reference: copy the text and lowercase it, the least any analysis does with it.
void BM_ReferenceCopyLowercase(benchmark::State& state) {
  const auto& corpus = Corpus();
  OverCorpus(state, [&](size_t i) {
    std::string copy = corpus[i].text;
    for (char& c : copy) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    benchmark::DoNotOptimize(copy.data());
  });
}
BENCHMARK(BM_ReferenceCopyLowercase);

// A second reference: the search index's word split (search_terms.h), a simple tokenizer.
void BM_ReferenceWords(benchmark::State& state) {
  const auto& corpus = Corpus();
  OverCorpus(state, [&](size_t i) { benchmark::DoNotOptimize(ks::text::Words(corpus[i].text)); });
}
BENCHMARK(BM_ReferenceWords);

// Prints the console table as usual and keeps every benchmark's items per second for the summary.
class SummaryReporter : public benchmark::ConsoleReporter {
 public:
  SummaryReporter() : ConsoleReporter(isatty(fileno(stdout)) != 0 ? OO_ColorTabular : OO_Tabular) {}

  void ReportRuns(const std::vector<Run>& runs) override {
    ConsoleReporter::ReportRuns(runs);
    for (const Run& run : runs) {
      if (run.run_type != Run::RT_Iteration || run.error_occurred) continue;
      const auto it = run.counters.find("items_per_second");
      if (it != run.counters.end()) per_second_[run.benchmark_name()] = it->second.value;
    }
  }

  void PrintSummary() const {
    const auto get = [this](const char* name) {
      const auto it = per_second_.find(name);
      return it == per_second_.end() ? 0.0 : it->second;
    };
    const double analyze = get("BM_Analyze");
    if (analyze <= 0) return;
    double bytes = 0;
    for (const Item& item : Corpus()) bytes += static_cast<double>(item.text.size());
    std::printf("\ncorpus      %zu comments (half Dutch, half English), %.0f bytes on average\n", Corpus().size(),
                bytes / static_cast<double>(Corpus().size()));
    std::printf("Analyze     %.0f comments/s on one thread (%.2f µs each)   target >= %.0f/s: %s\n", analyze,
                1e6 / analyze, kTargetPerSecond, analyze >= kTargetPerSecond ? "met" : "missed");
    std::printf("stages      µs per comment, and share of Analyze's time\n");
    for (const char* stage :
         {"BM_DetectLanguage", "BM_Tokenize", "BM_ScoreSentiment", "BM_TopicMatch", "BM_KeyPhrases"}) {
      const double rate = get(stage);
      if (rate > 0) std::printf("  %-22s %8.2f µs  %5.1f%%\n", stage + 3, 1e6 / rate, 100 * analyze / rate);
    }
    for (const char* reference : {"BM_ReferenceCopyLowercase", "BM_ReferenceWords"}) {
      const double rate = get(reference);
      if (rate > 0) {
        std::printf("analysis is %.0f× the reference %s (%.3f µs per comment)\n", rate / analyze, reference + 12,
                    1e6 / rate);
      }
    }
  }

 private:
  std::map<std::string, double> per_second_;
};

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  SummaryReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  reporter.PrintSummary();
  benchmark::Shutdown();
  return 0;
}
