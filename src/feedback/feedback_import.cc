#include "feedback/feedback_import.h"

#include <nlohmann/json.hpp>

#include "base/strings.h"
#include "feedback/feedback_json.h"

namespace ks {
namespace {

using nlohmann::json;

// Sets `value` at a dotted path ("customer.email") in `object`; "score.value" becomes a number.
Result<void> SetField(json& object, const std::string& path, const std::string& value) {
  if (value.empty()) return Ok();  // an empty cell means "not given"
  const auto parts = Split(path, '.');
  json* node = &object;
  for (size_t i = 0; i + 1 < parts.size(); ++i) node = &(*node)[parts[i]];
  if (path == "score.value") {
    try {
      size_t used = 0;
      const long long n = std::stoll(value, &used);
      if (used != value.size()) throw std::invalid_argument(value);
      (*node)[parts.back()] = n;
    } catch (const std::exception&) {
      return Error::Invalid(path, "'" + value + "' is not a whole number");
    }
  } else {
    (*node)[parts.back()] = value;
  }
  return Ok();
}

// `klantstem export` writes fields that the server derives (id, created_at, the score's class and mood,
// the text analysis, which the import does again); dropping them lets an export be imported into
// another database as it is.
void DropExportOnlyFields(json& object) {
  if (!object.is_object()) return;
  object.erase("id");
  object.erase("created_at");
  object.erase("analysis");
  if (auto score = object.find("score"); score != object.end() && score->is_object()) {
    score->erase("class");
    score->erase("mood");
  }
}

}  // namespace

bool ReadCsvRecord(std::istream& in, std::vector<std::string>& fields, size_t& lines) {
  fields.clear();
  if (in.peek() == std::char_traits<char>::eof()) return false;
  std::string field;
  bool quoted = false;
  char c;
  while (in.get(c)) {
    if (quoted) {
      if (c == '"') {
        if (in.peek() == '"') {
          in.get(c);
          field += '"';
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n') ++lines;
        field += c;
      }
    } else if (c == '"' && field.empty()) {
      quoted = true;
    } else if (c == ',') {
      fields.push_back(std::move(field));
      field.clear();
    } else if (c == '\n') {
      ++lines;
      break;
    } else if (c != '\r') {
      field += c;
    }
  }
  fields.push_back(std::move(field));
  return true;
}

ParsedImport ParseImport(std::istream& in, const ImportOptions& options, Micros now,
                         const std::function<void(size_t)>& progress) {
  ParsedImport out;
  const auto add = [&](size_t line, Result<json> object) {
    if (!object.ok()) {
      out.errors.push_back({line, object.error().ToString()});
      return;
    }
    for (const auto& [path, value] : options.constants) {
      if (auto set = SetField(*object, path, value); !set.ok()) {
        out.errors.push_back({line, set.error().ToString()});
        return;
      }
    }
    auto item = ParseFeedbackJson(*object, now);
    if (!item.ok()) {
      out.errors.push_back({line, item.error().ToString()});
      return;
    }
    out.items.push_back(std::move(item).value());
    out.lines.push_back(line);
  };
  size_t line = 0, rows = 0;
  const auto report = [&] {
    if (progress && ++rows % 10'000 == 0) progress(static_cast<size_t>(in.tellg()));
  };
  if (options.format == "jsonl") {
    std::string text;
    while (std::getline(in, text)) {
      ++line;
      if (Trim(text).empty()) continue;
      if (!IsValidUtf8(text)) {
        out.errors.push_back({line, "the line is not valid UTF-8"});
        continue;
      }
      json object = json::parse(text, nullptr, false);
      DropExportOnlyFields(object);
      if (object.is_discarded()) {
        add(line, Error::Invalid("", "not a JSON object (malformed JSON)"));
      } else {
        add(line, std::move(object));
      }
      report();
    }
    return out;
  }
  std::vector<std::string> header, fields;
  size_t header_lines = 0;
  if (!ReadCsvRecord(in, header, header_lines)) {
    out.errors.push_back({1, "the CSV file is empty: it needs a header row naming the fields"});
    return out;
  }
  for (auto& column : header) {
    column = std::string(Trim(column));
    if (auto it = options.column_map.find(column); it != options.column_map.end()) column = it->second;
  }
  line = header_lines + 1;
  while (true) {
    const size_t start = line;
    size_t consumed = 0;
    if (!ReadCsvRecord(in, fields, consumed)) break;
    line += consumed == 0 ? 1 : consumed;
    if (fields.size() == 1 && Trim(fields[0]).empty()) continue;
    if (fields.size() != header.size()) {
      out.errors.push_back(
          {start, "has " + std::to_string(fields.size()) + " fields; the header has " + std::to_string(header.size())});
      continue;
    }
    json object = json::object();
    Result<void> ok = Ok();
    for (size_t i = 0; i < fields.size() && ok.ok(); ++i) {
      if (!IsValidUtf8(fields[i])) {
        ok = Error::Invalid(header[i], "is not valid UTF-8");
      } else {
        ok = SetField(object, header[i], fields[i]);
      }
    }
    add(start, ok.ok() ? Result<json>(std::move(object)) : Result<json>(ok.error()));
    report();
  }
  return out;
}

}  // namespace ks
