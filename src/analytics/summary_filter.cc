#include "analytics/summary_filter.h"

#include <algorithm>

namespace ks::analytics {
namespace {

std::vector<std::uint8_t> AllowDictionary(const Dictionary& d, const std::vector<std::string>& values) {
  std::vector<std::uint8_t> allowed(d.size(), 0);
  for (const auto& v : values) {
    if (auto code = d.Find(v)) allowed[*code] = 1;
  }
  return allowed;
}

// The selection `sel[0..count)` narrowed to rows whose `column` value passes `ok`.
template <typename T, typename Ok>
size_t Narrow(std::uint32_t* sel, size_t count, const T* column, Ok ok) {
  size_t kept = 0;
  for (size_t j = 0; j < count; ++j) {
    const std::uint32_t r = sel[j];
    sel[kept] = r;
    kept += ok(column[r]) ? 1 : 0;
  }
  return kept;
}

template <typename T>
size_t NarrowBy(std::uint32_t* sel, size_t n, const T* column, const std::vector<std::uint8_t>& allowed) {
  if (allowed.empty()) return n;
  return Narrow(sel, n, column, [&allowed](T v) { return v < allowed.size() && allowed[v] != 0; });
}

}  // namespace

int SentimentCode(std::int8_t s) {
  if (s == kNoSentiment) return 0;
  return s < -5 ? 1 : (s > 5 ? 3 : 2);
}

CompiledFilter::CompiledFilter(const Columns& c, const SummaryFilter& f, Scale scale) : c_(c) {
  for (int v = ScaleMin(scale); v <= ScaleMax(scale); ++v) {
    const bool class_ok =
        f.classes.empty() || std::find(f.classes.begin(), f.classes.end(), MoodOf(scale, v)) != f.classes.end();
    scored_[PackScore(scale, v)] = class_ok ? 1 : 0;
  }
  if (auto code = c.sources.Find("complaint")) complaint_source_ = static_cast<int>(*code);
  if (f.from || f.to) {
    has_days_ = true;
    from_ = f.from ? DayNumberOf(*f.from) : 0;
    to_ = f.to ? DayNumberOf(*f.to) : 65535;
  }
  if (!f.unit_ids.empty() || f.only_listed_units) {
    units_.assign(c.unit_ids.size() + 1, 0);
    for (auto id : f.unit_ids) {
      if (auto it = c.unit_codes.find(id); it != c.unit_codes.end()) units_[it->second] = 1;
    }
  }
  if (!f.sources.empty()) sources_ = AllowDictionary(c.sources, f.sources);
  if (!f.channels.empty()) channels_ = AllowDictionary(c.channels, f.channels);
  if (!f.languages.empty()) languages_ = AllowDictionary(c.languages, f.languages);
  if (!f.brands.empty()) brands_ = AllowDictionary(c.brands, f.brands);
  if (!f.topics.empty()) {
    has_topics_ = true;
    for (const auto& t : f.topics) {
      if (auto code = c.topic_names.Find(t); code && *code > 0) topic_mask_ |= 1ULL << (*code - 1);
    }
  }
  if (!f.sentiments.empty()) {
    sentiments_.assign(4, 0);
    for (const auto& s : f.sentiments) {
      for (size_t k = 1; k < 4; ++k) {
        if (kSentimentNames[k] == s) sentiments_[k] = 1;
      }
    }
  }
  for (const auto& [key, values] : f.attributes) {
    const AttributeColumn* column = c.Attribute(key);
    attributes_.push_back({column, column ? AllowDictionary(column->values, values) : Allowed{}});
  }
}

size_t CompiledFilter::Select(std::uint32_t begin, std::uint32_t end, std::uint32_t* sel) const {
  size_t n = 0;
  const std::uint8_t* score = c_.score.data();
  const std::uint8_t* source = c_.source.data();
  for (std::uint32_t r = begin; r < end; ++r) {
    sel[n] = r;
    n += (scored_[score[r]] | static_cast<std::uint8_t>(source[r] == complaint_source_)) != 0 ? 1 : 0;
  }
  if (has_days_) {
    const DayNumber from = from_;
    const auto span = static_cast<DayNumber>(to_ - from_);
    n = Narrow(sel, n, c_.day.data(), [from, span](DayNumber d) { return static_cast<DayNumber>(d - from) <= span; });
  }
  if (!units_.empty()) n = Narrow(sel, n, c_.unit.data(), [this](std::uint16_t u) { return units_[u] != 0; });
  n = NarrowBy(sel, n, c_.source.data(), sources_);
  n = NarrowBy(sel, n, c_.channel.data(), channels_);
  n = NarrowBy(sel, n, c_.language.data(), languages_);
  n = NarrowBy(sel, n, c_.brand.data(), brands_);
  if (has_topics_) {
    const std::uint64_t mask = topic_mask_;
    n = Narrow(sel, n, c_.topics.data(), [mask](std::uint64_t t) { return (t & mask) != 0; });
  }
  if (!sentiments_.empty()) {
    n = Narrow(sel, n, c_.sentiment.data(), [this](std::int8_t s) { return sentiments_[SentimentCode(s)] != 0; });
  }
  for (const auto& [column, allowed] : attributes_) {
    if (column == nullptr) return 0;
    n = NarrowBy(sel, n, column->codes.data(), allowed);
  }
  return n;
}

}  // namespace ks::analytics
