#include "demo/demo_generator.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "base/strings.h"
#include "base/time.h"
#include "demo/demo_texts.h"

namespace ks::demo {
namespace {

constexpr Micros kDay = Micros{86'400} * kMicrosPerSecond;
constexpr Micros kHalfYear = 183 * kDay;

Micros Now() {
  static const Micros now = *ParseRfc3339("2026-11-02T10:00:00Z");
  return now;
}

DemoOptions Options(int customers, int feedback, std::uint64_t seed = 42) {
  return DemoOptions{customers, feedback, seed, Now()};
}

// The default-size demo, generated once for all the tests that look at its content.
const DemoData& Default() {
  static const DemoData data = GenerateDemo(Options(2000, 50000));
  return data;
}

// Every field, for comparing two generations.
std::string Dump(const DemoData& d) {
  std::string out;
  for (const auto& u : d.units)
    out += u.code + "|" + u.name + "|" + u.kind + "|" + u.parent_code + "|" + u.manager + "\n";
  for (const auto& c : d.customers) {
    out += c.external_ref + "|" + c.name + "|" + c.email + "|" + c.phone + "|" + c.language + "|" + c.status + "|" +
           (c.consent_contact ? "1" : "0");
    for (const auto& [k, v] : c.attributes) out.append("|").append(k).append("=").append(v);
    out += "\n";
  }
  for (const auto& f : d.feedback) {
    out += f.source + "|" + f.channel + "|" + (f.customer ? f.customer->external_ref : "-") + "|" + f.unit + "|" +
           f.brand + "|" + (f.score ? std::string(ScaleName(f.score->scale)) + std::to_string(f.score->value) : "-") +
           "|" + f.text + "|" + f.language + "|" + std::to_string(f.received_at) + "|" + f.idempotency_key;
    for (const auto& [k, v] : f.attributes) out.append("|").append(k).append("=").append(v);
    out += "\n";
  }
  for (const auto& fact : d.facts) out += fact + "\n";
  return out;
}

bool IsToken(std::string_view s) {
  if (s.empty() || s.size() > 32) return false;
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-'; });
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool ContainsIgnoringCase(std::string_view haystack, std::string_view needle) {
  return ToLowerAscii(haystack).find(ToLowerAscii(needle)) != std::string::npos;
}

struct Grades {
  int count = 0, fails = 0, middle = 0;
  double sum = 0;
  double Mean() const { return sum / count; }
  double FailShare() const { return static_cast<double>(fails) / count; }
  double MiddleShare() const { return static_cast<double>(middle) / count; }
};

Grades GradesOf(const DemoData& d, std::string_view unit, Micros from, Micros to) {
  Grades g;
  for (const auto& f : d.feedback) {
    if (f.unit != unit || !f.score || f.score->scale != Scale::kGrade10) continue;
    if (f.received_at < from || f.received_at >= to) continue;
    ++g.count;
    g.sum += f.score->value;
    if (f.score->value <= 5) ++g.fails;
    if (f.score->value == 6 || f.score->value == 7) ++g.middle;
  }
  return g;
}

struct Nps {
  int count = 0, promoters = 0, detractors = 0;
  double Value() const { return 100.0 * (promoters - detractors) / count; }
};

Nps NpsOfSegment(const DemoData& d, std::string_view segment, Micros from, Micros to) {
  Nps n;
  for (const auto& f : d.feedback) {
    if (!f.score || f.score->scale != Scale::kNps || f.received_at < from || f.received_at >= to) continue;
    auto it = f.attributes.find("segment");
    if (it == f.attributes.end() || it->second != segment) continue;
    ++n.count;
    if (f.score->value >= 9) ++n.promoters;
    if (f.score->value <= 6) ++n.detractors;
  }
  return n;
}

// ------------------------------------------------------------------------------------------------------------

TEST(DemoGenerator, SameSeedGivesIdenticalData) {
  EXPECT_EQ(Dump(GenerateDemo(Options(2000, 50000))), Dump(Default()));
  EXPECT_EQ(Dump(GenerateDemo(Options(50, 700, 9))), Dump(GenerateDemo(Options(50, 700, 9))));
}

TEST(DemoGenerator, DifferentSeedGivesDifferentData) {
  const DemoData a = GenerateDemo(Options(200, 3000, 1));
  const DemoData b = GenerateDemo(Options(200, 3000, 2));
  EXPECT_NE(Dump(a), Dump(b));
  int same_text = 0, same_name = 0;
  for (size_t i = 0; i < a.feedback.size(); ++i) same_text += a.feedback[i].text == b.feedback[i].text ? 1 : 0;
  for (size_t i = 0; i < a.customers.size(); ++i) same_name += a.customers[i].name == b.customers[i].name ? 1 : 0;
  EXPECT_LT(same_text, 600);  // surveys without a comment have empty texts in both
  EXPECT_LT(same_name, 20);
}

// A smaller demo with the same seed and customers is a prefix of a larger one: item n (by idempotency key)
// is the same, so loading both stores consistent data.
TEST(DemoGenerator, SmallerDemoIsAPrefixByIdempotencyKey) {
  const DemoData small = GenerateDemo(Options(200, 3000, 7));
  const DemoData large = GenerateDemo(Options(200, 5000, 7));
  std::map<std::string, const FeedbackInput*> by_key;
  for (const auto& f : large.feedback) by_key[f.idempotency_key] = &f;
  int regular = 0;
  for (const auto& f : small.feedback) {
    if (f.idempotency_key.find("exit") != std::string::npos) continue;
    ++regular;
    auto it = by_key.find(f.idempotency_key);
    ASSERT_NE(it, by_key.end()) << f.idempotency_key;
    EXPECT_EQ(it->second->text, f.text);
    EXPECT_EQ(it->second->received_at, f.received_at);
    EXPECT_EQ(it->second->source, f.source);
  }
  EXPECT_GT(regular, 2900);
  EXPECT_EQ(Dump({{}, small.customers, {}, {}}), Dump({{}, large.customers, {}, {}}));
}

TEST(DemoGenerator, CountsAreHonoured) {
  struct Case {
    int customers, feedback;
  };
  for (const Case c : {Case{0, 0}, Case{0, 10}, Case{1, 1}, Case{5, 3}, Case{10, 8}, Case{3, 100}, Case{50, 999},
                       Case{200, 3000}, Case{-5, -1}}) {
    SCOPED_TRACE(testing::Message() << c.customers << " customers, " << c.feedback << " feedback");
    const DemoData d = GenerateDemo(Options(c.customers, c.feedback));
    EXPECT_EQ(d.customers.size(), static_cast<size_t>(std::max(0, c.customers)));
    EXPECT_EQ(d.feedback.size(), static_cast<size_t>(std::max(0, c.feedback)));
    EXPECT_FALSE(d.units.empty());
    EXPECT_FALSE(d.facts.empty());
    std::set<std::string> sources;
    for (const auto& f : d.feedback) sources.insert(f.source);
    if (c.feedback >= 8) {
      EXPECT_EQ(sources.size(), std::size(kSources));
    }
    if (c.customers == 0) {
      for (const auto& f : d.feedback) EXPECT_FALSE(f.customer);
    }
  }
}

TEST(DemoGenerator, EveryItemIsValid) {
  const DemoData& d = Default();
  const Micros now = Now();
  std::set<std::string> refs, unit_codes, keys;
  std::map<std::string, std::string> segment_of;
  for (const auto& c : d.customers) {
    refs.insert(c.external_ref);
    segment_of[c.external_ref] = c.attributes.at("segment");
  }
  for (const auto& u : d.units) unit_codes.insert(u.code);
  Micros previous = now - kDemoSpan;
  int with_customer = 0;
  for (const auto& f : d.feedback) {
    SCOPED_TRACE(f.idempotency_key);
    EXPECT_NE(std::find(std::begin(kSources), std::end(kSources), f.source), std::end(kSources));
    EXPECT_TRUE(IsToken(f.channel)) << f.channel;
    EXPECT_TRUE(f.score || !Trim(f.text).empty());
    if (f.score) {
      EXPECT_TRUE(InScale(f.score->scale, f.score->value)) << f.score->value;
    }
    EXPECT_TRUE(IsValidUtf8(f.text));
    EXPECT_LE(CodePointCount(f.text), kMaxTextLength);
    EXPECT_EQ(f.text.find('{'), std::string::npos) << f.text;
    EXPECT_EQ(f.text.find("  "), std::string::npos) << f.text;
    EXPECT_TRUE(f.language == "nl" || f.language == "en");
    EXPECT_GE(f.received_at, now - kDemoSpan);
    EXPECT_LT(f.received_at, now);
    EXPECT_GE(f.received_at, previous);  // sorted
    previous = f.received_at;
    EXPECT_EQ(f.received_at % kMicrosPerSecond, 0);
    EXPECT_TRUE(f.idempotency_key.starts_with("demo-42-")) << f.idempotency_key;
    EXPECT_TRUE(keys.insert(f.idempotency_key).second) << "duplicate key";
    if (!f.unit.empty()) {
      EXPECT_EQ(unit_codes.count(f.unit), 1u) << f.unit;
    }
    EXPECT_TRUE(f.brand == "own" || f.brand == kCompetitors[0] || f.brand == kCompetitors[1]) << f.brand;
    if (f.brand != "own") {
      EXPECT_EQ(f.source, "review");
      EXPECT_TRUE(f.unit.empty());
      EXPECT_FALSE(f.customer);
    }
    if (f.customer) {
      ++with_customer;
      EXPECT_EQ(refs.count(f.customer->external_ref), 1u);
      EXPECT_EQ(f.attributes.at("segment"), segment_of[f.customer->external_ref]);
    }
  }
  EXPECT_GT(with_customer, static_cast<int>(d.feedback.size() * 3 / 4));  // "customer ref set on most items"
}

TEST(DemoGenerator, EverySourceChannelAndScaleAppears) {
  const DemoData& d = Default();
  std::map<std::string, int> sources;
  std::set<std::string> channels;
  std::map<std::string, std::set<std::string>> scales_by_source;  // "-" for no score
  for (const auto& f : d.feedback) {
    ++sources[f.source];
    channels.insert(f.channel);
    scales_by_source[f.source].insert(f.score ? std::string(ScaleName(f.score->scale)) : "-");
  }
  for (std::string_view s : kSources) EXPECT_GT(sources[std::string(s)], 50) << s;
  for (const char* c : {"email", "sms", "web", "qr", "phone", "store", "app", "post", "google", "trustpilot", "x",
                        "facebook", "instagram", "linkedin"}) {
    EXPECT_EQ(channels.count(c), 1u) << c;
  }
  using Set = std::set<std::string>;
  EXPECT_EQ(scales_by_source["survey"], (Set{"nps", "grade10", "csat5"}));
  EXPECT_EQ(scales_by_source["review"], (Set{"stars5", "csat5"}));
  EXPECT_EQ(scales_by_source["complaint"], (Set{"-", "csat5"}));
  EXPECT_EQ(scales_by_source["letter"], (Set{"-"}));
  EXPECT_EQ(scales_by_source["social"], (Set{"-"}));
  EXPECT_EQ(scales_by_source["employee"], (Set{"-"}));
  EXPECT_EQ(scales_by_source["exit"], (Set{"nps", "grade10", "csat5"}));
  for (const auto& f : d.feedback) {
    if (f.source != "survey") {
      EXPECT_FALSE(f.text.empty()) << f.source;  // only surveys may be a bare score
    }
  }
}

TEST(DemoGenerator, UnitsFormATreeWithManagers) {
  const DemoData& d = Default();
  std::set<std::string> seen, cities;
  std::map<std::string, int> kinds;
  for (const auto& u : d.units) {
    SCOPED_TRACE(u.code);
    EXPECT_TRUE(IsToken(u.code));
    EXPECT_TRUE(u.parent_code.empty() || seen.count(u.parent_code) == 1) << "parent must come first";
    EXPECT_TRUE(seen.insert(u.code).second);
    EXPECT_TRUE(u.kind == "team" || u.kind == "location" || u.kind == "brand" || u.kind == "region");
    EXPECT_FALSE(u.manager.empty());
    EXPECT_FALSE(u.name.empty());
    ++kinds[u.kind];
    if (u.kind == "location") cities.insert(u.name.substr(0, u.name.find(' ')));
  }
  EXPECT_GE(kinds["location"], 12);
  EXPECT_GE(kinds["region"], 3);
  EXPECT_GE(kinds["team"], 3);
  for (const char* city :
       {"Amsterdam", "Rotterdam", "Utrecht", "Eindhoven", "Groningen", "Antwerpen", "Gent", "Brussel"}) {
    EXPECT_EQ(cities.count(city), 1u) << city;
  }
  EXPECT_EQ(seen.count("klantenservice"), 1u);
  EXPECT_EQ(seen.count("bezorging-nl"), 1u);
  for (std::string_view planted : {kHiddenSevenUnit, kSteadySevenUnit, kTurnaroundUnit}) {
    EXPECT_EQ(seen.count(std::string(planted)), 1u);
  }
}

TEST(DemoGenerator, CustomersAreRealistic) {
  const DemoData& d = Default();
  std::set<std::string> refs, emails, names;
  std::map<std::string, int> segments, tiers, languages, regions;
  int lost = 0, consent = 0;
  for (const auto& c : d.customers) {
    SCOPED_TRACE(c.external_ref);
    EXPECT_TRUE(refs.insert(c.external_ref).second);
    EXPECT_TRUE(emails.insert(c.email).second) << c.email;
    names.insert(c.name);
    EXPECT_NE(c.name.find(' '), std::string::npos);
    EXPECT_TRUE(IsValidUtf8(c.name));
    // Reserved domains only (RFC 2606), so a demo can never mail a real person.
    EXPECT_TRUE(EndsWith(c.email, "@example.com") || EndsWith(c.email, "@example.net") ||
                EndsWith(c.email, "@example.org") || EndsWith(c.email, ".example"))
        << c.email;
    EXPECT_EQ(std::count(c.email.begin(), c.email.end(), '@'), 1);
    EXPECT_TRUE(std::all_of(c.email.begin(), c.email.end(), [](char ch) {
      return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '.' || ch == '-' || ch == '@';
    })) << c.email;
    EXPECT_TRUE(c.phone.starts_with("+316") || c.phone.starts_with("+324")) << c.phone;
    EXPECT_EQ(c.phone.size(), 12u) << c.phone;
    ++segments[c.attributes.at("segment")];
    ++tiers[c.attributes.at("tier")];
    ++regions[c.attributes.at("region")];
    ++languages[c.language];
    EXPECT_TRUE(c.status == "active" || c.status == "lost");
    lost += c.status == "lost" ? 1 : 0;
    consent += c.consent_contact ? 1 : 0;
  }
  EXPECT_GT(names.size(), 1500u);
  EXPECT_EQ(segments.size(), 2u);
  EXPECT_GT(segments["B2B"], 300);
  EXPECT_GT(segments["B2C"], 1200);
  EXPECT_EQ(tiers.size(), 3u);
  EXPECT_GT(tiers["premium"], 100);
  EXPECT_EQ(regions.size(), 4u);
  EXPECT_GT(regions["België"], 200);
  EXPECT_EQ(languages.size(), 2u);
  EXPECT_NEAR(lost / 2000.0, 0.05, 0.02);
  EXPECT_NEAR(consent / 2000.0, 0.8, 0.05);
}

// (a) The hidden seven: an average that looks fine over a bimodal distribution.
TEST(DemoGenerator, PlantedHiddenSeven) {
  const DemoData& d = Default();
  const Grades hidden = GradesOf(d, kHiddenSevenUnit, Now() - kDemoSpan, Now());
  ASSERT_GT(hidden.count, 300);
  EXPECT_GE(hidden.Mean(), 6.8);
  EXPECT_LE(hidden.Mean(), 7.2);
  EXPECT_GE(hidden.FailShare(), 0.33);
  EXPECT_LT(hidden.MiddleShare(), 0.15);  // the valley between the two modes
  const Grades steady = GradesOf(d, kSteadySevenUnit, Now() - kDemoSpan, Now());
  ASSERT_GT(steady.count, 300);
  EXPECT_GE(steady.Mean(), 6.8);
  EXPECT_LE(steady.Mean(), 7.2);
  EXPECT_LT(steady.FailShare(), 0.15);
  // The other stores look ordinary: more than a few fails is the exception.
  for (const auto& u : d.units) {
    if (u.kind != "location" || u.code == kHiddenSevenUnit || u.code == kTurnaroundUnit) continue;
    EXPECT_LT(GradesOf(d, u.code, Now() - kDemoSpan, Now()).FailShare(), 0.2) << u.code;
  }
  // Small demos show it too (the grades are dealt from a fixed deck).
  for (std::uint64_t seed : {1, 2, 3}) {
    const Grades small = GradesOf(GenerateDemo(Options(300, 6000, seed)), kHiddenSevenUnit, 0, Now());
    ASSERT_GT(small.count, 30);
    EXPECT_NEAR(small.Mean(), 7.0, 0.35) << seed;
    EXPECT_GE(small.FailShare(), 0.3) << seed;
  }
}

// (b) B2B NPS slides in the second half of the period; B2C stays level.
TEST(DemoGenerator, PlantedDecliningSegment) {
  const DemoData& d = Default();
  const Micros start = Now() - kDemoSpan;
  const Nps b2b_first = NpsOfSegment(d, kDecliningSegment, start, start + kHalfYear);
  const Nps b2b_last = NpsOfSegment(d, kDecliningSegment, Now() - kHalfYear, Now());
  const Nps b2c_first = NpsOfSegment(d, "B2C", start, start + kHalfYear);
  const Nps b2c_last = NpsOfSegment(d, "B2C", Now() - kHalfYear, Now());
  ASSERT_GT(b2b_first.count, 200);
  ASSERT_GT(b2b_last.count, 200);
  EXPECT_GT(b2b_first.Value() - b2b_last.Value(), 25) << b2b_first.Value() << " → " << b2b_last.Value();
  EXPECT_LT(std::abs(b2c_first.Value() - b2c_last.Value()), 12) << b2c_first.Value() << " → " << b2c_last.Value();
}

// (c) One unit improves from a stated month on.
TEST(DemoGenerator, PlantedTurnaround) {
  const DemoData& d = Default();
  const Micros turn = TurnaroundStart(Now());
  EXPECT_EQ(FormatRfc3339(turn), "2026-03-01T00:00:00Z");
  const Grades before = GradesOf(d, kTurnaroundUnit, Now() - kDemoSpan, turn);
  const Grades after = GradesOf(d, kTurnaroundUnit, turn, Now());
  ASSERT_GT(before.count, 100);
  ASSERT_GT(after.count, 100);
  EXPECT_GT(after.Mean() - before.Mean(), 1.0) << before.Mean() << " → " << after.Mean();
  EXPECT_LT(after.FailShare(), before.FailShare() / 2);
  // Month by month: every full month after the change beats every month before it, as a trend should.
  const Grades last_before = GradesOf(d, kTurnaroundUnit, turn - 90 * kDay, turn);
  const Grades later = GradesOf(d, kTurnaroundUnit, turn + 60 * kDay, Now());
  EXPECT_GT(later.Mean() - last_before.Mean(), 1.0);
  bool stated = false;
  for (const auto& fact : d.facts) {
    stated |= fact.find(std::string(kTurnaroundUnit)) != std::string::npos && fact.find("2026-03") != std::string::npos;
  }
  EXPECT_TRUE(stated);
}

// (d) Competitors' reviews, each with their own distribution.
TEST(DemoGenerator, PlantedCompetitorReviews) {
  const DemoData& d = Default();
  std::map<std::string, Grades> stars;  // fails = negative (1–2)
  for (const auto& f : d.feedback) {
    if (f.source != "review") continue;
    ASSERT_TRUE(f.score);
    ASSERT_TRUE(f.score->scale == Scale::kStars5 || f.score->scale == Scale::kCsat5);
    Grades& g = stars[f.brand];
    ++g.count;
    g.sum += f.score->value;
    if (f.score->value <= 2) ++g.fails;
  }
  const Grades& snel = stars[std::string(kCompetitors[0])];
  const Grades& plus = stars[std::string(kCompetitors[1])];
  const Grades& own = stars["own"];
  ASSERT_GT(snel.count, 500);
  ASSERT_GT(plus.count, 500);
  ASSERT_GT(own.count, 1500);
  EXPECT_NEAR(snel.Mean(), 3.3, 0.25);
  EXPECT_GT(snel.FailShare(), 0.28);  // polarised
  EXPECT_NEAR(plus.Mean(), 3.85, 0.25);
  EXPECT_LT(plus.FailShare(), 0.15);
  EXPECT_GT(plus.Mean() - snel.Mean(), 0.3);
  // Competitor texts talk about the competitor, not about us.
  int named = 0;
  for (const auto& f : d.feedback) {
    if (f.brand == "own") continue;
    named += f.text.find(f.brand) != std::string::npos ? 1 : 0;
    EXPECT_EQ(f.text.find(kCompanyName), std::string::npos) << f.text;
  }
  EXPECT_GT(named, 100);
}

TEST(DemoGenerator, TextsAreVariedAndInBothLanguages) {
  const DemoData& d = Default();
  std::set<std::string> distinct;
  int nl = 0, en = 0, with_text = 0;
  for (const auto& f : d.feedback) {
    if (f.text.empty()) continue;
    ++with_text;
    distinct.insert(f.text);
    (f.language == "nl" ? nl : en) += 1;
  }
  EXPECT_GT(distinct.size(), 5000u);
  EXPECT_GT(static_cast<double>(distinct.size()) / with_text, 0.5);
  const double dutch = static_cast<double>(nl) / (nl + en);
  EXPECT_GT(dutch, 0.6);
  EXPECT_LT(dutch, 0.8);
}

// A text never contradicts its score: an unhappy score never gets praise, a happy one never a complaint.
TEST(DemoGenerator, TextSentimentMatchesScore) {
  const std::vector<std::string_view> praise = {
      "aanrader",           "ga zo door", "dikke pluim", "helemaal tevreden", "complimenten", "topkwaliteit",
      "highly recommended", "keep it up", "compliments", "great experience",  "well done",    "hats off"};
  const std::vector<std::string_view> blame = {
      "teleurgesteld", "nooit meer",   "slechte ervaring", "ontevreden", "dit moet echt beter", "miskoop",
      "never again",   "disappointed", "unhappy",          "rude",       "waste of money",      "stay away"};
  int checked = 0;
  for (const auto& f : Default().feedback) {
    if (!f.score || f.text.empty()) continue;
    const Mood mood = f.score->mood();
    if (mood == Mood::kNeutral) continue;
    ++checked;
    for (std::string_view word : mood == Mood::kUnhappy ? praise : blame) {
      EXPECT_FALSE(ContainsIgnoringCase(f.text, word))
          << ScaleName(f.score->scale) << " " << f.score->value << ": " << f.text;
    }
  }
  EXPECT_GT(checked, 10000);
}

double ShareMentioning(const DemoData& d, const std::function<bool(const FeedbackInput&)>& select,
                       const std::vector<std::string_view>& words) {
  int selected = 0, mentioning = 0;
  for (const auto& f : d.feedback) {
    if (f.text.empty() || !f.score || f.score->mood() != Mood::kUnhappy || !select(f)) continue;
    ++selected;
    mentioning +=
        std::any_of(words.begin(), words.end(), [&](std::string_view w) { return ContainsIgnoringCase(f.text, w); })
            ? 1
            : 0;
  }
  return selected > 0 ? static_cast<double>(mentioning) / selected : 0;
}

// What the facts say the unhappy customers talk about is what their texts are about.
TEST(DemoGenerator, UnhappyTextsTellTheStoryOfThePatterns) {
  const DemoData& d = Default();
  auto segment = [](const FeedbackInput& f, std::string_view s) {
    auto it = f.attributes.find("segment");
    return it != f.attributes.end() && it->second == s;
  };
  const std::vector<std::string_view> invoice = {"factu",  "afgeschreven", "aanmaning", "terugbetaling",
                                                 "invoic", "charged",      "reminder",  "refund"};
  const double b2b = ShareMentioning(
      d, [&](const FeedbackInput& f) { return segment(f, "B2B"); }, invoice);
  const double b2c = ShareMentioning(
      d, [&](const FeedbackInput& f) { return segment(f, "B2C"); }, invoice);
  EXPECT_GT(b2b, 2 * b2c) << b2b << " vs " << b2c;
  const std::vector<std::string_view> waiting_or_staff = {"wacht", "kassa", "medewerker", "personeel",
                                                          "wait",  "till",  "staff",      "employee"};
  const double hidden = ShareMentioning(
      d, [](const FeedbackInput& f) { return f.unit == kHiddenSevenUnit; }, waiting_or_staff);
  const double other = ShareMentioning(
      d, [](const FeedbackInput& f) { return f.unit != kHiddenSevenUnit && f.unit.ends_with("-centrum"); },
      waiting_or_staff);
  EXPECT_GT(hidden, 1.4 * other) << hidden << " vs " << other;
}

// Sentences about "our company" only appear in texts of business customers.
TEST(DemoGenerator, BusinessSentencesOnlyForBusinessCustomers) {
  int business_texts = 0;
  for (const auto& f : Default().feedback) {
    const bool business = f.attributes.count("segment") != 0 && f.attributes.at("segment") == "B2B";
    bool mentions = false;
    for (std::string_view marker : {"ons bedrijf", "onze administratie", "btw-nummer", "our company", "our business",
                                    "accounts department", "VAT number"}) {
      mentions |= f.text.find(marker) != std::string::npos;
    }
    if (!business) {
      EXPECT_FALSE(mentions) << f.text;
    }
    business_texts += mentions ? 1 : 0;
  }
  EXPECT_GT(business_texts, 50);
}

TEST(DemoGenerator, FactsStateThePlantedPatterns) {
  const DemoData& d = Default();
  std::string all;
  for (const auto& fact : d.facts) all += fact + "\n";
  for (std::string_view needle : {kHiddenSevenUnit, kSteadySevenUnit, kTurnaroundUnit, kDecliningSegment,
                                  kCompetitors[0], kCompetitors[1], kCompanyName}) {
    EXPECT_NE(all.find(std::string(needle)), std::string::npos) << needle << " missing from\n" << all;
  }
}

TEST(DemoGenerator, DefaultSizeIsFast) {
#if defined(__SANITIZE_ADDRESS__) || !defined(NDEBUG)
  GTEST_SKIP() << "timing is only meaningful in an optimised build";
#endif
  const auto started = std::chrono::steady_clock::now();
  const DemoData d = GenerateDemo(Options(2000, 50000, 5));
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  RecordProperty("seconds", std::to_string(seconds));
  EXPECT_EQ(d.feedback.size(), 50000u);
  EXPECT_LT(seconds, 2.0);
}

// ------------------------------------------------------------------------------------------------------------
// The text generator on its own: every topic, mood, language and source composes a clean text.

TEST(DemoTexts, EveryCombinationComposes) {
  Rng rng(11);
  std::set<std::string> distinct;
  for (int t = 0; t < kTopicCount; ++t) {
    for (Mood mood : {Mood::kUnhappy, Mood::kNeutral, Mood::kHappy}) {
      for (std::string_view language : {"nl", "en"}) {
        for (std::string_view source : kSources) {
          const Topic topics[] = {static_cast<Topic>(t), static_cast<Topic>((t + 3) % kTopicCount)};
          TextRequest r;
          r.source = source;
          r.mood = mood;
          r.language = language;
          r.topics = topics;
          r.brand = "Stroomlijn";
          r.city = "Gent";
          r.customer_name = "Lien De Smet";
          r.competitor_name = "WinkelPlus";
          for (int i = 0; i < 20; ++i) {
            const std::string text = ComposeText(rng, r);
            SCOPED_TRACE(text);
            ASSERT_FALSE(text.empty());
            EXPECT_TRUE(IsValidUtf8(text));
            EXPECT_EQ(text.find('{'), std::string::npos);
            EXPECT_EQ(text.find('}'), std::string::npos);
            EXPECT_EQ(text.find("  "), std::string::npos);
            EXPECT_EQ(text.find(" ."), std::string::npos);
            EXPECT_FALSE(text.front() >= 'a' && text.front() <= 'z');
            distinct.insert(text);
          }
        }
      }
    }
  }
  EXPECT_GT(distinct.size(), 8000u);
}

TEST(DemoTexts, FramingsFollowTheSource) {
  Rng rng(3);
  const Topic topics[] = {Topic::kDelivery};
  TextRequest r;
  r.topics = topics;
  r.brand = "Stroomlijn";
  r.city = "Utrecht";
  r.customer_name = "Jan de Vries";
  r.competitor_name = "Snelbezorgd";
  r.mood = Mood::kUnhappy;
  struct Case {
    std::string_view source, language, expected_start;
  };
  for (const Case c : {Case{"letter", "nl", "Geachte heer"}, Case{"letter", "en", "Dear "}}) {
    r.source = c.source;
    r.language = c.language;
    bool found = false;
    for (int i = 0; i < 50; ++i) {
      const std::string text = ComposeText(rng, r);
      found |= text.starts_with(c.expected_start);
      EXPECT_TRUE(EndsWith(text, "\nJan de Vries")) << text;
    }
    EXPECT_TRUE(found) << c.source << " " << c.language;
  }
  r.source = "employee";
  r.language = "nl";
  EXPECT_NE(ComposeText(rng, r).find("“"), std::string::npos);
}

TEST(DemoTexts, TopicNamesAreDistinct) {
  std::set<std::string_view> names;
  for (int t = 0; t < kTopicCount; ++t) names.insert(TopicName(static_cast<Topic>(t)));
  EXPECT_EQ(names.size(), static_cast<size_t>(kTopicCount));
}

}  // namespace
}  // namespace ks::demo
