#include "analytics/feedback_index.h"

#include <algorithm>
#include <cmath>
#include <mutex>

namespace ks::analytics {
namespace {

// Days from 1970-01-01 to a civil date and back (Howard Hinnant's algorithms, proleptic Gregorian).
int DaysFromCivil(int y, int m, int d) {
  y -= m <= 2 ? 1 : 0;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

template <typename T>
size_t VectorBytes(const std::vector<T>& v) {
  return v.capacity() * sizeof(T);
}

}  // namespace

std::optional<std::uint32_t> Dictionary::Encode(const std::string& value, std::uint32_t max_codes) {
  if (value.empty()) return 0;
  if (auto it = codes_.find(value); it != codes_.end()) return it->second;
  if (values_.size() >= max_codes) return std::nullopt;
  const auto code = static_cast<std::uint32_t>(values_.size());
  values_.push_back(value);
  codes_.emplace(value, code);
  return code;
}

std::optional<std::uint32_t> Dictionary::Find(const std::string& value) const {
  if (value.empty()) return 0;
  if (auto it = codes_.find(value); it != codes_.end()) return it->second;
  return std::nullopt;
}

size_t Dictionary::MemoryBytes() const {
  size_t bytes = VectorBytes(values_) + codes_.bucket_count() * sizeof(void*);
  for (const auto& v : values_) bytes += 2 * (v.capacity() + 48);  // the string twice, with node overhead
  return bytes;
}

DayNumber DayNumberOf(const LocalDate& day) {
  return static_cast<DayNumber>(std::clamp(DaysFromCivil(day.year, day.month, day.day), 0, 65535));
}

LocalDate DateOf(DayNumber day) {
  const int z = day + 719468;
  const int era = z / 146097;
  const int doe = z - era * 146097;
  const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int mp = (5 * doy + 2) / 153;
  const int d = doy - (153 * mp + 2) / 5 + 1;
  const int m = mp < 10 ? mp + 3 : mp - 9;
  return {yoe + era * 400 + (m <= 2 ? 1 : 0), m, d};
}

std::uint8_t PackScore(Scale scale, int value) { return static_cast<std::uint8_t>((ScaleCode(scale) << 4) | value); }

const AttributeColumn* Columns::Attribute(const std::string& key) const {
  for (const auto& a : attributes) {
    if (a.key == key && !a.too_many_values) return &a;
  }
  return nullptr;
}

void FeedbackIndex::Apply(const std::vector<IndexRow>& rows) {
  std::unique_lock lock(mutex_);
  for (const auto& r : rows) {
    const auto id = static_cast<size_t>(r.id);
    if (id >= row_of_id_.size()) row_of_id_.resize(std::max(id + 1, row_of_id_.size() + row_of_id_.size() / 2), 0);
    if (row_of_id_[id] != 0) {
      Put(row_of_id_[id] - 1, r);
      continue;
    }
    const size_t row = columns_.size();
    row_of_id_[id] = static_cast<std::uint32_t>(row + 1);
    columns_.day.push_back(0);
    columns_.score.push_back(kNoScore);
    columns_.source.push_back(0);
    columns_.channel.push_back(0);
    columns_.language.push_back(0);
    columns_.unit.push_back(0);
    columns_.brand.push_back(0);
    columns_.sentiment.push_back(kNoSentiment);
    columns_.topics.push_back(0);
    for (auto& a : columns_.attributes) {
      if (!a.too_many_values) a.codes.push_back(0);
    }
    Put(row, r);
  }
}

void FeedbackIndex::Put(size_t row, const IndexRow& r) {
  columns_.day[row] = DayNumberOf(time_zone_.LocalDay(r.received_at));
  columns_.score[row] = r.scale ? PackScore(*r.scale, r.score) : kNoScore;
  columns_.source[row] = Code8(columns_.sources, r.source);
  columns_.channel[row] = Code8(columns_.channels, r.channel);
  columns_.language[row] = Code8(columns_.languages, r.language);
  columns_.unit[row] = UnitCode(r.unit_id);
  columns_.brand[row] = Code16(columns_.brands, r.brand);
  columns_.sentiment[row] =
      r.sentiment ? static_cast<std::int8_t>(std::lround(std::clamp(*r.sentiment, -1.0, 1.0) * 100)) : kNoSentiment;
  columns_.topics[row] = TopicMask(r.topics);
  for (auto& a : columns_.attributes) {
    if (!a.too_many_values) a.codes[row] = 0;
  }
  for (const auto& [key, value] : r.attributes) {
    AttributeColumn* column = AttributeFor(key);
    if (column == nullptr) continue;
    if (auto code = column->values.Encode(value, kMaxAttributeValues)) {
      column->codes[row] = static_cast<std::uint16_t>(*code);
    } else {
      column->too_many_values = true;
      column->codes = {};
      column->codes.shrink_to_fit();
    }
  }
}

std::uint8_t FeedbackIndex::Code8(Dictionary& d, const std::string& value) {
  return static_cast<std::uint8_t>(d.Encode(value, 256).value_or(0));
}

std::uint16_t FeedbackIndex::Code16(Dictionary& d, const std::string& value) {
  return static_cast<std::uint16_t>(d.Encode(value, 65536).value_or(0));
}

std::uint16_t FeedbackIndex::UnitCode(std::optional<std::int64_t> unit_id) {
  if (!unit_id) return 0;
  if (auto it = columns_.unit_codes.find(*unit_id); it != columns_.unit_codes.end()) return it->second;
  if (columns_.unit_ids.empty()) columns_.unit_ids.push_back(0);
  if (columns_.unit_ids.size() >= 65536) return 0;
  const auto code = static_cast<std::uint16_t>(columns_.unit_ids.size());
  columns_.unit_ids.push_back(*unit_id);
  columns_.unit_codes.emplace(*unit_id, code);
  return code;
}

std::uint64_t FeedbackIndex::TopicMask(const std::vector<std::string>& topics) {
  std::uint64_t mask = 0;
  for (const auto& t : topics) {
    // Topic codes start at 1 (0 is "none"), so topic code k is bit k − 1.
    if (auto code = columns_.topic_names.Encode(t, kMaxTopics + 1); code && *code > 0) mask |= 1ULL << (*code - 1);
  }
  return mask;
}

AttributeColumn* FeedbackIndex::AttributeFor(const std::string& key) {
  for (auto& a : columns_.attributes) {
    if (a.key == key) return a.too_many_values ? nullptr : &a;
  }
  if (columns_.attributes.size() >= kMaxAttributeKeys) return nullptr;
  AttributeColumn& a = columns_.attributes.emplace_back();
  a.key = key;
  a.codes.reserve(columns_.day.capacity());
  a.codes.assign(columns_.size(), 0);
  return &a;
}

void FeedbackIndex::Reserve(size_t items, std::int64_t max_id) {
  std::unique_lock lock(mutex_);
  Columns& c = columns_;
  for (auto* v : {&c.score, &c.source, &c.channel, &c.language}) v->reserve(items);
  for (auto* v : {&c.unit, &c.brand, &c.day}) v->reserve(items);
  c.sentiment.reserve(items);
  c.topics.reserve(items);
  for (auto& a : c.attributes) {
    if (!a.too_many_values) a.codes.reserve(items);
  }
  if (max_id >= 0 && static_cast<size_t>(max_id) >= row_of_id_.size())
    row_of_id_.resize(static_cast<size_t>(max_id) + 1);
}

void FeedbackIndex::Swap(FeedbackIndex& other) {
  std::scoped_lock lock(mutex_, other.mutex_);
  std::swap(time_zone_, other.time_zone_);
  std::swap(columns_, other.columns_);
  std::swap(row_of_id_, other.row_of_id_);
}

void FeedbackIndex::Read(const std::function<void(const Columns&)>& read) const {
  std::shared_lock lock(mutex_);
  read(columns_);
}

size_t FeedbackIndex::size() const {
  std::shared_lock lock(mutex_);
  return columns_.size();
}

std::string FeedbackIndex::time_zone() const {
  std::shared_lock lock(mutex_);
  return time_zone_.name();
}

size_t FeedbackIndex::MemoryBytes() const {
  std::shared_lock lock(mutex_);
  const Columns& c = columns_;
  size_t bytes = VectorBytes(c.day) + VectorBytes(c.score) + VectorBytes(c.source) + VectorBytes(c.channel) +
                 VectorBytes(c.language) + VectorBytes(c.unit) + VectorBytes(c.brand) + VectorBytes(c.sentiment) +
                 VectorBytes(c.topics) + VectorBytes(c.unit_ids) + VectorBytes(row_of_id_);
  bytes += c.unit_codes.size() * 32 + c.sources.MemoryBytes() + c.channels.MemoryBytes() + c.languages.MemoryBytes() +
           c.brands.MemoryBytes() + c.topic_names.MemoryBytes();
  for (const auto& a : c.attributes) bytes += VectorBytes(a.codes) + a.values.MemoryBytes();
  return bytes;
}

}  // namespace ks::analytics
