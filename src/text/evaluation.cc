// The evaluation harness: SemEval-2016 XML through Poco's DOM parser (the files are small), TSV by hand
// (quoted fields may hold tabs, newlines and doubled quotes), then one pass of the analyzer over the data.
#include "text/evaluation.h"

#include <Poco/DOM/AutoPtr.h>
#include <Poco/DOM/DOMParser.h>
#include <Poco/DOM/Document.h>
#include <Poco/DOM/Element.h>
#include <Poco/DOM/Node.h>
#include <Poco/Exception.h>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <set>
#include <string_view>

#include "base/strings.h"
#include "stats/descriptive.h"

namespace ks::text {
namespace {

using Poco::XML::Element;
using Poco::XML::Node;

constexpr std::array<std::string_view, 3> kPolarities = {"negative", "neutral", "positive"};

// The topic key of a SemEval aspect category ("FOOD#QUALITY" → "product_quality"), "" when none.
// Prices win over the entity: FOOD#PRICES is about the price, not the food.
std::string_view TopicOfCategory(std::string_view category) {
  const size_t hash = category.find('#');
  const std::string_view entity = category.substr(0, hash);
  const std::string_view attribute = hash == std::string_view::npos ? "" : category.substr(hash + 1);
  if (attribute == "PRICES") return "price";
  if (entity == "FOOD" || entity == "DRINKS") return "product_quality";
  if (entity == "SERVICE") return "staff";
  if (entity == "AMBIENCE") return "ambience";
  if (entity == "LOCATION") return "location";
  return "";
}

// The child elements of `parent` named `name`, in document order.
std::vector<Element*> Children(const Node* parent, std::string_view name) {
  std::vector<Element*> out;
  if (parent == nullptr) return out;
  for (Node* n = parent->firstChild(); n != nullptr; n = n->nextSibling()) {
    if (n->nodeType() == Node::ELEMENT_NODE && n->nodeName() == name) out.push_back(static_cast<Element*>(n));
  }
  return out;
}

Element* Child(const Node* parent, std::string_view name) {
  auto all = Children(parent, name);
  return all.empty() ? nullptr : all.front();
}

std::string LanguageOf(const Element& e, std::string fallback) {
  for (const char* attribute : {"xml:lang", "lang"}) {
    if (e.hasAttribute(attribute)) return e.getAttribute(attribute);
  }
  return fallback;
}

// Fills `item`'s polarity and topics from an <Opinions> element (which may be missing: no opinions).
// Polarity: that of the RESTAURANT#GENERAL opinion, else the majority (a tie leaves it unlabelled).
Result<void> ReadOpinions(const Element* opinions, const std::string& where, LabelledText& item) {
  item.has_topics = true;
  std::map<std::string, int> votes;
  std::string general;
  int index = 0;
  for (const Element* opinion : Children(opinions, "Opinion")) {
    const std::string field = fmt::format("{}.Opinions.Opinion[{}]", where, index++);
    const std::string& polarity = opinion->getAttribute("polarity");
    if (polarity != "positive" && polarity != "negative" && polarity != "neutral" && polarity != "conflict") {
      return Error::Invalid(field + ".polarity",
                            fmt::format("'{}' is not positive, negative, neutral or conflict", polarity));
    }
    const std::string& category = opinion->getAttribute("category");
    if (category == "RESTAURANT#GENERAL" && polarity != "conflict") general = polarity;
    if (polarity != "conflict") ++votes[polarity];
    const std::string_view topic = TopicOfCategory(category);
    if (!topic.empty() && std::find(item.topics.begin(), item.topics.end(), topic) == item.topics.end()) {
      item.topics.emplace_back(topic);
    }
  }
  if (!general.empty()) {
    item.polarity = general;
    return Ok();
  }
  int best = 0;
  bool tie = false;
  for (const auto& [polarity, count] : votes) {
    if (count > best) {
      best = count;
      item.polarity = polarity;
      tie = false;
    } else if (count == best) {
      tie = true;
    }
  }
  if (tie) item.polarity.clear();
  return Ok();
}

Result<std::vector<LabelledText>> ParseSemEval(const std::string& content) {
  Poco::XML::AutoPtr<Poco::XML::Document> document;
  try {
    Poco::XML::DOMParser parser;
    document = parser.parseString(content);
  } catch (const Poco::Exception& e) {  // SAXParseException's message names the line and column
    return Error::Invalid("", "not well-formed XML: " + e.message());
  }
  const Element* root = document->documentElement();
  if (root == nullptr || root->nodeName() != "Reviews") {
    return Error::Invalid("", "not SemEval-2016 data: the root element must be <Reviews>");
  }
  std::vector<LabelledText> out;
  const std::string file_language = LanguageOf(*root, "");
  int review_index = 0;
  for (const Element* review : Children(root, "Review")) {
    const std::string where = fmt::format("Review[{}] (rid {})", review_index++, review->getAttribute("rid"));
    const std::string language = LanguageOf(*review, file_language);
    const std::vector<Element*> sentences = Children(Child(review, "sentences"), "sentence");
    // Review level: the review has its own <Opinions>; sentence level: each sentence has them.
    if (const Element* opinions = Child(review, "Opinions"); opinions != nullptr) {
      LabelledText item;
      item.language = language;
      for (const Element* sentence : sentences) {
        if (!item.text.empty()) item.text += '\n';
        item.text += std::string(Trim(Child(sentence, "text") ? Child(sentence, "text")->innerText() : ""));
      }
      KS_RETURN_IF_ERROR(ReadOpinions(opinions, where, item));
      out.push_back(std::move(item));
      continue;
    }
    int sentence_index = 0;
    for (const Element* sentence : sentences) {
      const std::string sentence_where = fmt::format("{}.sentences.sentence[{}]", where, sentence_index++);
      if (sentence->getAttribute("OutOfScope") == "TRUE") continue;  // not annotated
      const Element* text = Child(sentence, "text");
      if (text == nullptr) return Error::Invalid(sentence_where, "has no <text>");
      LabelledText item;
      item.text = std::string(Trim(text->innerText()));
      item.language = LanguageOf(*sentence, language);
      KS_RETURN_IF_ERROR(ReadOpinions(Child(sentence, "Opinions"), sentence_where, item));
      out.push_back(std::move(item));
    }
  }
  if (out.empty()) return Error::Invalid("", "no <Review> with a sentence found");
  return out;
}

// Reads one TSV record starting at `pos` into `fields`; advances `pos` and `line` (1-based, the record's
// last line). False at the end of the input.
bool ReadRecord(std::string_view content, size_t& pos, int& line, std::vector<std::string>& fields) {
  fields.clear();
  if (pos >= content.size()) return false;
  std::string field;
  bool quoted = false;
  bool at_field_start = true;
  while (pos < content.size()) {
    const char c = content[pos++];
    if (quoted) {
      if (c == '"' && pos < content.size() && content[pos] == '"') {
        field += '"';
        ++pos;
      } else if (c == '"') {
        quoted = false;
      } else {
        if (c == '\n') ++line;
        field += c;
      }
    } else if (c == '"' && at_field_start) {
      quoted = true;
      at_field_start = false;
    } else if (c == '\t') {
      fields.push_back(std::move(field));
      field.clear();
      at_field_start = true;
    } else if (c == '\n') {
      ++line;
      break;
    } else if (c != '\r' || (pos < content.size() && content[pos] != '\n')) {
      field += c;
      at_field_start = false;
    }
  }
  fields.push_back(std::move(field));
  return true;
}

int ColumnOf(const std::vector<std::string>& header, std::initializer_list<std::string_view> names) {
  for (const std::string_view name : names) {
    for (size_t i = 0; i < header.size(); ++i) {
      if (header[i] == name) return static_cast<int>(i);
    }
  }
  return -1;
}

Result<std::vector<LabelledText>> ParseTsv(std::string_view content) {
  if (content.starts_with("\xEF\xBB\xBF")) content.remove_prefix(3);  // a byte order mark
  size_t pos = 0;
  int line = 0;
  std::vector<std::string> header;
  if (!ReadRecord(content, pos, line, header)) return Error::Invalid("line 1", "the file is empty");
  for (std::string& name : header) name = ToLowerAscii(Trim(name));
  const int text_column = ColumnOf(header, {"text", "review", "verified_reviews", "sentence"});
  const int label_column = ColumnOf(header, {"label", "polarity", "sentiment"});
  const int rating_column = ColumnOf(header, {"rating"});
  if (text_column < 0) {
    return Error::Invalid("line 1", "the header names no text column (text, review, verified_reviews or sentence)");
  }
  if (label_column < 0 && rating_column < 0) {
    return Error::Invalid("line 1", "the header names no label column (label, polarity, sentiment) or rating column");
  }
  std::vector<LabelledText> out;
  std::vector<std::string> fields;
  while (true) {
    const int first_line = line + 1;
    if (!ReadRecord(content, pos, line, fields)) break;
    if (fields.size() == 1 && Trim(fields[0]).empty()) continue;  // a blank line
    const std::string where = fmt::format("line {}", first_line);
    if (fields.size() != header.size()) {
      return Error::Invalid(where, fmt::format("{} fields, but the header has {}", fields.size(), header.size()));
    }
    LabelledText item;
    item.text = std::string(Trim(fields[static_cast<size_t>(text_column)]));
    if (item.text.empty()) continue;  // nothing to analyse
    if (label_column >= 0) {
      const std::string label = ToLowerAscii(Trim(fields[static_cast<size_t>(label_column)]));
      if (label == "positive" || label == "1") {
        item.polarity = "positive";
      } else if (label == "negative" || label == "0") {
        item.polarity = "negative";
      } else if (label == "neutral") {
        item.polarity = "neutral";
      } else if (!label.empty()) {
        return Error::Invalid(where + ": " + header[static_cast<size_t>(label_column)],
                              fmt::format("'{}' is not positive, negative, neutral, 1 or 0", label));
      }
    }
    if (rating_column >= 0) {
      const std::string_view value = Trim(fields[static_cast<size_t>(rating_column)]);
      if (!value.empty()) {
        double rating = 0;
        const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), rating);
        if (error != std::errc() || end != value.data() + value.size()) {
          return Error::Invalid(where + ": rating", fmt::format("'{}' is not a number", value));
        }
        item.rating = rating;
      }
    }
    out.push_back(std::move(item));
  }
  if (out.empty()) return Error::Invalid("", "no row with a text found");
  return out;
}

std::string Percent(double share) { return fmt::format("{:.1f}%", 100 * share); }

}  // namespace

Result<std::vector<LabelledText>> ParseLabelled(const std::string& content, EvalFormat format) {
  return format == EvalFormat::kSemEval ? ParseSemEval(content) : ParseTsv(content);
}

double ClassCounts::precision() const {
  const int predicted = true_positive + false_positive;
  return predicted == 0 ? 0 : static_cast<double>(true_positive) / predicted;
}

double ClassCounts::recall() const {
  const int expected = true_positive + false_negative;
  return expected == 0 ? 0 : static_cast<double>(true_positive) / expected;
}

double ClassCounts::f1() const {
  const double p = precision(), r = recall();
  return p + r == 0 ? 0 : 2 * p * r / (p + r);
}

EvalReport Evaluate(const std::vector<LabelledText>& data, const TextAnalyzer& analyzer,
                    std::string_view fallback_language) {
  EvalReport report;
  report.items = data.size();
  // The topics the data labels are the ones scored; the taxonomy's others have no ground truth here.
  for (const LabelledText& item : data) {
    for (const std::string& topic : item.topics) report.topics.try_emplace(topic);
  }
  std::vector<double> sentiments, ratings;
  size_t correct = 0, correct_sign = 0;
  for (const LabelledText& item : data) {
    const TextAnalysis analysis = analyzer.Analyze(item.text, item.language, fallback_language);
    if (!item.polarity.empty()) {
      ++report.with_polarity;
      ++report.confusion[item.polarity][analysis.sentiment_label];
      if (item.polarity != "neutral") {
        ++report.polar;
        if (analysis.sentiment_label == item.polarity) ++correct;
        if (analysis.sentiment != 0 && (analysis.sentiment > 0) == (item.polarity == "positive")) ++correct_sign;
      }
    }
    if (item.rating) {
      sentiments.push_back(analysis.sentiment);
      ratings.push_back(*item.rating);
    }
    if (item.has_topics) {
      for (auto& entry : report.topics) {
        const std::string& key = entry.first;
        ClassCounts& counts = entry.second;
        const bool expected = std::find(item.topics.begin(), item.topics.end(), key) != item.topics.end();
        const bool predicted = std::any_of(analysis.topics.begin(), analysis.topics.end(),
                                           [&key](const TopicSentiment& t) { return t.key == key; });
        if (expected && predicted) ++counts.true_positive;
        if (!expected && predicted) ++counts.false_positive;
        if (expected && !predicted) ++counts.false_negative;
      }
    }
  }
  report.accuracy = report.polar == 0 ? 0 : static_cast<double>(correct) / static_cast<double>(report.polar);
  report.sign_accuracy = report.polar == 0 ? 0 : static_cast<double>(correct_sign) / static_cast<double>(report.polar);
  // Macro-F1 over the labels present in the data.
  double f1_sum = 0;
  for (const auto& [expected, row] : report.confusion) {
    ClassCounts counts;
    for (const auto& [other, other_row] : report.confusion) {
      const auto it = other_row.find(expected);
      const int predicted_as_expected = it == other_row.end() ? 0 : it->second;
      (other == expected ? counts.true_positive : counts.false_positive) += predicted_as_expected;
    }
    for (const auto& [predicted, count] : row) {
      if (predicted != expected) counts.false_negative += count;
    }
    f1_sum += counts.f1();
  }
  report.macro_f1 = report.confusion.empty() ? 0 : f1_sum / static_cast<double>(report.confusion.size());
  report.rated = ratings.size();
  report.spearman = stats::Spearman(sentiments, ratings);
  double topic_f1_sum = 0;
  for (const auto& [key, counts] : report.topics) topic_f1_sum += counts.f1();
  report.topic_macro_f1 = report.topics.empty() ? 0 : topic_f1_sum / static_cast<double>(report.topics.size());
  return report;
}

std::string FormatReport(const EvalReport& report) {
  std::string out = fmt::format("items                     {}\n", report.items);
  if (report.with_polarity > 0) {
    out += fmt::format("with a polarity           {} ({} positive or negative)\n", report.with_polarity, report.polar);
    out += fmt::format("accuracy (pos/neg)        {}  (by label: neutral predictions count as wrong)\n",
                       Percent(report.accuracy));
    out += fmt::format("accuracy (pos/neg, sign)  {}  (by the sign of the score: exactly 0 counts as wrong)\n",
                       Percent(report.sign_accuracy));
    out += fmt::format("macro-F1                  {:.3f}  (over the {} labels in the data)\n", report.macro_f1,
                       report.confusion.size());
    out += "\nconfusion (rows: expected, columns: predicted)\n";
    out += fmt::format("  {:<10}", "");
    for (const std::string_view predicted : kPolarities) out += fmt::format(" {:>9}", predicted);
    out += '\n';
    for (const auto& [expected, row] : report.confusion) {
      out += fmt::format("  {:<10}", expected);
      for (const std::string_view predicted : kPolarities) {
        const auto it = row.find(std::string(predicted));
        out += fmt::format(" {:>9}", it == row.end() ? 0 : it->second);
      }
      out += '\n';
    }
  }
  if (report.rated > 0) {
    out += fmt::format("\nSpearman ρ (sentiment vs rating)  {}  (n = {})\n",
                       report.spearman ? fmt::format("{:.3f}", *report.spearman) : "n/a (no variance)", report.rated);
  }
  if (!report.topics.empty()) {
    out += fmt::format("\n  {:<18} {:>9} {:>9} {:>6} {:>9} {:>9}\n", "topic", "precision", "recall", "F1", "expected",
                       "predicted");
    for (const auto& [key, c] : report.topics) {
      out +=
          fmt::format("  {:<18} {:>9} {:>9} {:>6.3f} {:>9} {:>9}\n", key, Percent(c.precision()), Percent(c.recall()),
                      c.f1(), c.true_positive + c.false_negative, c.true_positive + c.false_positive);
    }
    out += fmt::format("topic macro-F1            {:.3f}\n", report.topic_macro_f1);
  }
  return out;
}

}  // namespace ks::text
