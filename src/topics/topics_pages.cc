#include "topics/topics_pages.h"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "accounts/audit_log.h"
#include "base/strings.h"
#include "text/sentiment.h"
#include "topics/taxonomy_store.h"
#include "web/forms.h"
#include "web/locale_format.h"
#include "web/page.h"

namespace ks::topics {
namespace {

// The languages the form edits; a topic's French and German keywords are kept as they are.
constexpr const char* kFormLanguages[] = {"nl", "en"};

// Keywords as the form shows them: one per line.
std::string Lines(const std::map<std::string, std::vector<std::string>>& by_language, const std::string& language) {
  std::string out;
  if (auto it = by_language.find(language); it != by_language.end()) {
    for (const auto& k : it->second) fmt::format_to(std::back_inserter(out), "{}{}", out.empty() ? "" : "\n", k);
  }
  return out;
}

// One per line or comma-separated; blank entries dropped.
nlohmann::json Entries(const std::string& field) {
  nlohmann::json out = nlohmann::json::array();
  std::string normalised = field;
  std::replace(normalised.begin(), normalised.end(), ',', '\n');
  for (const std::string& line : Split(normalised, '\n')) {
    if (auto entry = Trim(line); !entry.empty()) out.push_back(std::string(entry));
  }
  return out;
}

mstch::map TopicRow(size_t index, const text::TopicDefinition& topic) {
  mstch::map row{{"index", std::to_string(index)}, {"key", topic.key}, {"new", topic.key.empty()}};
  for (const char* language : kFormLanguages) {
    const std::string l(language);
    auto name = topic.names.find(l);
    row["name_" + l] = name == topic.names.end() ? std::string() : name->second;
    row["keywords_" + l] = Lines(topic.keywords, l);
    row["exclusions_" + l] = Lines(topic.exclusions, l);
  }
  return row;
}

class TopicPages {
 public:
  TopicPages(WebAuth& auth, text::TextAnalyzer& analyzer, Reanalyser& reanalyser, const Clock& clock)
      : auth_(auth), analyzer_(analyzer), reanalyser_(reanalyser), clock_(clock) {}

  struct View {
    std::string message;
    std::string error;
    std::string sample;  // the text tried, with its analysis
    std::optional<text::TextAnalysis> analysis;
    std::optional<text::Taxonomy> edited;  // a refused edit, shown again
    int status = 200;
  };

  static View Refused(std::string error, int status) {
    View v;
    v.error = std::move(error);
    v.status = status;
    return v;
  }

  http::Response Page(WebRequest& r, View v) {
    auto c = auth_.pool().Acquire();
    if (!c.ok()) return auth_.Unavailable(r);
    auto stored = LoadTaxonomy(**c);
    auto run = LatestReanalysis(**c);
    if (!stored.ok() || !run.ok()) return auth_.Unavailable(r);
    const text::Taxonomy& taxonomy = v.edited ? *v.edited : stored->taxonomy;
    mstch::array rows;
    for (size_t i = 0; i < taxonomy.topics.size(); ++i) rows.emplace_back(TopicRow(i, taxonomy.topics[i]));
    if (taxonomy.topics.size() < text::kMaxTopics) rows.emplace_back(TopicRow(taxonomy.topics.size(), {}));
    mstch::map body{{"rows", rows},
                    {"count", std::to_string(taxonomy.topics.size() + 1)},
                    {"revision", std::to_string(stored->revision)},
                    {"is_default", stored->revision == 0},
                    {"saved_by", stored->saved_by},
                    {"saved_at", stored->revision == 0 ? std::string()
                                                       : web::FormatDateTime(stored->saved_at, r.zone, r.language())},
                    {"message", v.message},
                    {"error", v.error},
                    {"sample", v.sample},
                    {"progress", Progress(r, *run)}};
    if (v.analysis) body["analysis"] = AnalysisView(r, *v.analysis, stored->taxonomy);
    return auth_.Render(r, r.T("topics_title"), "topics", std::move(body), v.status);
  }

  // The re-analysis box alone (htmx polls it while a run goes on).
  http::Response ProgressFragment(WebRequest& r) {
    auto c = auth_.pool().Acquire();
    if (!c.ok()) return auth_.Unavailable(r);
    auto run = LatestReanalysis(**c);
    if (!run.ok()) return auth_.Unavailable(r);
    return auth_.Fragment(r, "topics_progress", Progress(r, *run));
  }

  http::Response Save(WebRequest& r) {
    // The current taxonomy supplies what the form does not edit (French and German keywords).
    auto c = auth_.pool().Acquire();
    if (!c.ok()) return auth_.Unavailable(r);
    auto current = LoadTaxonomy(**c);
    if (!current.ok()) return auth_.Unavailable(r);
    nlohmann::json topics = nlohmann::json::array();
    size_t count = 0;
    try {
      count = std::min<size_t>(std::stoul(web::FormValue(r.form, "count")), text::kMaxTopics + 1);
    } catch (const std::exception&) {
      return Page(r, Refused(r.T("topics_bad_form"), 400));
    }
    for (size_t i = 0; i < count; ++i) {
      const auto field = [&](const std::string& name) {
        return web::FormValue(r.form, fmt::format("t{}_{}", i, name));
      };
      const std::string key(Trim(field("key")));
      if (key.empty() || field("remove") == "1") continue;
      nlohmann::json topic = {{"key", key},
                              {"names", nlohmann::json::object()},
                              {"keywords", nlohmann::json::object()},
                              {"exclusions", nlohmann::json::object()}};
      for (const auto& old : current->taxonomy.topics) {
        if (old.key != key) continue;
        for (const auto& [language, words] : old.keywords) topic["keywords"][language] = words;
        for (const auto& [language, words] : old.exclusions) topic["exclusions"][language] = words;
        for (const auto& [language, name] : old.names) topic["names"][language] = name;
      }
      for (const char* language : kFormLanguages) {
        const std::string l(language);
        if (auto name = std::string(Trim(field("name_" + l))); !name.empty()) topic["names"][l] = name;
        topic["keywords"][l] = Entries(field("keywords_" + l));
        topic["exclusions"][l] = Entries(field("exclusions_" + l));
        if (topic["keywords"][l].empty()) topic["keywords"].erase(l);
        if (topic["exclusions"][l].empty()) topic["exclusions"].erase(l);
      }
      topics.push_back(std::move(topic));
    }
    auto parsed = text::ParseTaxonomy(nlohmann::json{{"topics", topics}}.dump());
    if (!parsed.ok()) {
      // Show the edit again, as far as it can be read, with what is wrong.
      text::Taxonomy edited;
      for (const auto& t : topics) {
        text::TopicDefinition d;
        d.key = t.value("key", "");
        d.names = t.value("names", std::map<std::string, std::string>{});
        d.keywords = t.value("keywords", std::map<std::string, std::vector<std::string>>{});
        d.exclusions = t.value("exclusions", std::map<std::string, std::vector<std::string>>{});
        edited.topics.push_back(std::move(d));
      }
      View v = Refused(FieldMessage(r, parsed.error()), 400);
      v.edited = std::move(edited);
      return Page(r, std::move(v));
    }
    return Store(r, **c, *parsed, web::FormValue(r.form, "reanalyse") == "1");
  }

  http::Response RestoreDefault(WebRequest& r) {
    auto c = auth_.pool().Acquire();
    if (!c.ok()) return auth_.Unavailable(r);
    return Store(r, **c, text::DefaultTaxonomy(), true);
  }

  http::Response StartRun(WebRequest& r) {
    auto c = auth_.pool().Acquire();
    if (!c.ok()) return auth_.Unavailable(r);
    auto started = Start(r, **c);
    if (!started.ok()) return Page(r, Refused(started.error().message, 500));
    return web::Redirect(r.http, "/admin/topics?reanalysing=1");
  }

  http::Response Try(WebRequest& r) {
    const std::string sample = web::FormValue(r.form, "sample");
    View v;
    if (sample.size() > 5000) {
      v = Refused(r.T("topics_sample_too_long"), 400);
    } else {
      v.analysis = analyzer_.Analyze(sample);
    }
    v.sample = sample;
    return Page(r, std::move(v));
  }

 private:
  http::Response Store(WebRequest& r, db::Connection& c, const text::Taxonomy& taxonomy, bool reanalyse) {
    auto revision = SaveTaxonomy(c, taxonomy, r.session->user.id, clock_.Now());
    if (!revision.ok()) return Page(r, Refused(revision.error().message, 500));
    analyzer_.SetTaxonomy(taxonomy, *revision);
    (void)Audit(c, {0, clock_.Now(), r.session->user.email, "topics.saved", "taxonomy",
                    fmt::format("revision {}: {} topics", *revision, taxonomy.topics.size()), r.http.remote_ip});
    if (reanalyse) {
      if (auto started = Start(r, c); !started.ok()) return Page(r, Refused(started.error().message, 500));
    }
    return web::Redirect(r.http, reanalyse ? "/admin/topics?saved=1&reanalysing=1" : "/admin/topics?saved=1");
  }

  Result<void> Start(WebRequest& r, db::Connection& c) {
    KS_ASSIGN_OR_RETURN(std::int64_t id, StartReanalysis(c, analyzer_.revision(), r.session->user.id, clock_.Now()));
    (void)Audit(c, {0, clock_.Now(), r.session->user.email, "topics.reanalysis_started", "feedback",
                    fmt::format("run {} with taxonomy revision {}", id, analyzer_.revision()), r.http.remote_ip});
    reanalyser_.Wake();
    return Ok();
  }

  static std::string FieldMessage(const WebRequest& r, const Error& e) {
    return e.field.empty() ? e.message : fmt::format("{} ({}): {}", r.T("topics_invalid"), e.field, e.message);
  }

  static mstch::map Progress(const WebRequest& r, const std::optional<ReanalysisRun>& run) {
    if (!run) return mstch::map{{"has_run", false}};
    const std::int64_t total = std::max(run->total, run->done);
    const int percent = total == 0 ? 100 : static_cast<int>(run->done * 100 / total);
    return mstch::map{
        {"has_run", true},
        {"running", !run->finished_at},
        {"done", web::FormatInteger(run->done, r.language())},
        {"total", web::FormatInteger(total, r.language())},
        {"percent", std::to_string(run->finished_at ? 100 : percent)},
        {"revision", std::to_string(run->taxonomy_revision)},
        {"started_by", run->started_by.empty() ? std::string("CLI") : run->started_by},
        {"started_at", web::FormatDateTime(run->started_at, r.zone, r.language())},
        {"finished_at", run->finished_at ? web::FormatDateTime(*run->finished_at, r.zone, r.language()) : ""}};
  }

  static mstch::map AnalysisView(const WebRequest& r, const text::TextAnalysis& a, const text::Taxonomy& taxonomy) {
    mstch::array topics;
    for (const auto& t : a.topics) {
      std::string name = t.key;
      for (const auto& d : taxonomy.topics) {
        if (d.key == t.key) name = text::TopicName(d, r.language());
      }
      topics.push_back(mstch::map{{"name", name},
                                  {"sentiment", web::FormatDecimal(t.sentiment, 2, r.language())},
                                  {"label", r.T("sentiment_" + text::SentimentLabel(t.sentiment))}});
    }
    mstch::array phrases;
    for (const auto& p : a.key_phrases) phrases.emplace_back(p);
    return mstch::map{{"language", a.language.empty() ? r.T("topics_language_unknown") : a.language},
                      {"confidence", web::FormatDecimal(a.language_confidence, 2, r.language())},
                      {"sentiment", web::FormatDecimal(a.sentiment, 2, r.language())},
                      {"label", r.T("sentiment_" + a.sentiment_label)},
                      {"topics", topics},
                      {"has_topics", !topics.empty()},
                      {"phrases", phrases},
                      {"has_phrases", !phrases.empty()}};
  }

  WebAuth& auth_;
  text::TextAnalyzer& analyzer_;
  Reanalyser& reanalyser_;
  const Clock& clock_;
};

}  // namespace

void AddTopicPages(http::Router& router, WebAuth& auth, text::TextAnalyzer& analyzer, Reanalyser& reanalyser,
                   const Clock& clock) {
  auto pages = std::make_shared<TopicPages>(auth, analyzer, reanalyser, clock);
  const auto page = [&auth, pages](auto handler) { return auth.Page(std::move(handler), Action::kManageSettings); };
  router.Add("GET", "/admin/topics", page([pages](WebRequest& r) {
               TopicPages::View v;
               if (r.http.Query("saved")) v.message = r.T("topics_saved");
               if (r.http.Query("reanalysing")) v.message += (v.message.empty() ? "" : " ") + r.T("topics_reanalysing");
               return pages->Page(r, std::move(v));
             }));
  router.Add("GET", "/admin/topics/progress", page([pages](WebRequest& r) { return pages->ProgressFragment(r); }));
  router.Add("POST", "/admin/topics", page([pages](WebRequest& r) { return pages->Save(r); }));
  router.Add("POST", "/admin/topics/default", page([pages](WebRequest& r) { return pages->RestoreDefault(r); }));
  router.Add("POST", "/admin/topics/reanalyse", page([pages](WebRequest& r) { return pages->StartRun(r); }));
  router.Add("POST", "/admin/topics/try", page([pages](WebRequest& r) { return pages->Try(r); }));
}

}  // namespace ks::topics
