// WordHash: the hash of the text pipeline's lookup tables (lexicons, topic phrases, stem caches), whose
// keys are short words. It takes eight bytes at a time, each mixed in with one wide multiplication —
// several times cheaper than std::hash's byte-oriented Murmur on words of a few letters. Transparent:
// tables keyed by std::string can be searched with a std::string_view. Not for untrusted keys where
// hash flooding matters (the tables are built from lexicons and the taxonomy; texts only look up).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace ks::text {

struct WordHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const {
    constexpr uint64_t kMultiplier = 0x9E3779B97F4A7C15;
    const auto mix = [](uint64_t x) {
      const unsigned __int128 product = static_cast<unsigned __int128>(x) * kMultiplier;
      return static_cast<uint64_t>(product) ^ static_cast<uint64_t>(product >> 64);
    };
    uint64_t h = s.size() * kMultiplier;
    size_t i = 0;
    for (; i + 8 <= s.size(); i += 8) {
      uint64_t chunk = 0;
      std::memcpy(&chunk, s.data() + i, 8);
      h = mix(h ^ chunk);
    }
    // The last 0 to 7 bytes as wyhash reads them, with fixed-size loads (a memcpy of a variable length
    // into a word stalls the load that follows it).
    const char* rest = s.data() + i;
    const size_t n = s.size() - i;
    const auto load32 = [](const char* p) {
      uint32_t v = 0;
      std::memcpy(&v, p, 4);
      return uint64_t{v};
    };
    const auto byte = [rest](size_t k) { return uint64_t{static_cast<unsigned char>(rest[k])}; };
    uint64_t tail = 0;
    if (n >= 4) {
      tail = (load32(rest) << 32) | load32(rest + n - 4);
    } else if (n > 0) {
      tail = (byte(0) << 16) | (byte(n / 2) << 8) | byte(n - 1);
    }
    return mix(h ^ tail);
  }
};

// Maps and sets keyed by words, searchable with a std::string_view.
template <typename Value>
using WordTable = std::unordered_map<std::string, Value, WordHash, std::equal_to<>>;
using WordSet = std::unordered_set<std::string, WordHash, std::equal_to<>>;

}  // namespace ks::text
