// FeedbackIndex: every feedback item in memory, one array per column, for dashboard queries that scan
// millions of items in milliseconds (DESIGN §2: the transactional database never runs GROUP BY for a
// dashboard). Text columns are dictionary-encoded; an item costs about 20 bytes plus 2 per attribute
// key (see MemoryBytes()).
//
// Items are keyed by feedback id: applying an item that is already there replaces it, so replaying a
// change never counts an item twice. The index only holds what queries filter and group on; the text
// stays in the database.
//
// Threads: Apply() and Swap() take the write lock; Read() runs its function under the read lock, so
// many queries scan at once while changes wait for them.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "base/clock.h"
#include "base/time.h"
#include "feedback/scale.h"

namespace ks::analytics {

// What one feedback item contributes, as read from the database.
struct IndexRow {
  std::int64_t id = 0;
  Micros received_at = 0;
  std::string source;
  std::string channel;
  std::string brand;
  std::string language;
  std::optional<std::int64_t> unit_id;
  std::optional<Scale> scale;
  int score = 0;
  std::optional<double> sentiment;  // −1..1
  std::vector<std::string> topics;
  std::vector<std::pair<std::string, std::string>> attributes;  // the customer's, overlaid by the item's
};

// Strings ↔ small codes; code 0 is "none" (the empty string). Not thread-safe on its own.
class Dictionary {
 public:
  Dictionary() : values_{""} {}
  // The code of `value`, adding it when new; nullopt when the dictionary is full.
  std::optional<std::uint32_t> Encode(const std::string& value, std::uint32_t max_codes);
  std::optional<std::uint32_t> Find(const std::string& value) const;
  const std::string& Value(std::uint32_t code) const { return values_[code]; }
  std::uint32_t size() const { return static_cast<std::uint32_t>(values_.size()); }
  size_t MemoryBytes() const;

 private:
  std::vector<std::string> values_;
  std::unordered_map<std::string, std::uint32_t> codes_;
};

// Days since 1970-01-01 (local time); 0..65535 covers 1970 to 2149.
using DayNumber = std::uint16_t;
DayNumber DayNumberOf(const LocalDate& day);
LocalDate DateOf(DayNumber day);

// The packed score byte: scale code (1..4) in the high nibble, the value (0..10) in the low one;
// 0 means "no score".
inline constexpr std::uint8_t kNoScore = 0;
std::uint8_t PackScore(Scale scale, int value);
inline int ScoreValue(std::uint8_t packed) { return packed & 0x0f; }
inline int ScaleCode(Scale scale) { return static_cast<int>(scale) + 1; }
inline int ScaleCodeOf(std::uint8_t packed) { return packed >> 4; }

inline constexpr std::int8_t kNoSentiment = -128;  // otherwise −100..100
inline constexpr size_t kMaxTopics = 64;           // topic codes 0..63 (bit k of the topic mask)
inline constexpr size_t kMaxAttributeKeys = 32;
inline constexpr std::uint32_t kMaxAttributeValues = 2000;  // more distinct values: not a segment, not indexed

// One attribute key's column: a value code per item (0: the item has no such attribute).
struct AttributeColumn {
  std::string key;
  Dictionary values;
  std::vector<std::uint16_t> codes;
  bool too_many_values = false;  // the key was dropped from the index (e.g. an order number)
};

// The columns, one entry per item (row). Exposed read-only to queries under Read().
struct Columns {
  std::vector<DayNumber> day;
  std::vector<std::uint8_t> score;  // PackScore or kNoScore
  std::vector<std::uint8_t> source, channel, language;
  std::vector<std::uint16_t> unit, brand;
  std::vector<std::int8_t> sentiment;
  std::vector<std::uint64_t> topics;  // bit k: the item mentions topic code k
  std::vector<AttributeColumn> attributes;

  Dictionary sources, channels, languages, brands, topic_names;
  std::vector<std::int64_t> unit_ids;  // unit code → units.id (code 0: no unit)
  std::unordered_map<std::int64_t, std::uint16_t> unit_codes;

  size_t size() const { return day.size(); }
  const AttributeColumn* Attribute(const std::string& key) const;
};

class FeedbackIndex {
 public:
  explicit FeedbackIndex(TimeZone time_zone) : time_zone_(std::move(time_zone)) {}

  // Adds the rows, or replaces the items already indexed under their ids.
  void Apply(const std::vector<IndexRow>& rows);
  // Makes room for `items` items with ids up to `max_id` (before a full load: no growth by doubling).
  void Reserve(size_t items, std::int64_t max_id);
  // Exchanges the contents (and time zones) of the two indexes: a reload is built apart and swapped in.
  void Swap(FeedbackIndex& other);

  // Runs `read` with the columns under the read lock.
  void Read(const std::function<void(const Columns&)>& read) const;

  size_t size() const;
  std::string time_zone() const;
  // Bytes held by the columns, the id map and the dictionaries.
  size_t MemoryBytes() const;

 private:
  void Put(size_t row, const IndexRow& r);
  std::uint8_t Code8(Dictionary& d, const std::string& value);
  std::uint16_t Code16(Dictionary& d, const std::string& value);
  std::uint16_t UnitCode(std::optional<std::int64_t> unit_id);
  std::uint64_t TopicMask(const std::vector<std::string>& topics);
  AttributeColumn* AttributeFor(const std::string& key);

  mutable std::shared_mutex mutex_;
  TimeZone time_zone_;
  Columns columns_;
  std::vector<std::uint32_t> row_of_id_;  // feedback id → row + 1 (0: not indexed); ids are dense
};

}  // namespace ks::analytics
