// Reading feedback files for `klantstem import`: JSON Lines (one item per line, as the API takes it)
// and CSV with a header row. CSV columns name item fields by path ("score.value", "customer.email",
// "attributes.segment"), or are mapped to one with `column=field`; constant fields come from `field=value`.
// Every row goes through the same validation as the API, and errors carry the line number. A JSONL
// file written by `klantstem export` imports as it is (the fields the server derives are ignored).
// Pure functions; thread-safe.
#pragma once

#include <functional>
#include <istream>
#include <map>
#include <string>
#include <vector>

#include "feedback/feedback.h"

namespace ks {

struct ImportOptions {
  std::string format;                             // "jsonl" or "csv"
  std::map<std::string, std::string> column_map;  // CSV column → field path
  std::map<std::string, std::string> constants;   // field path → value for every row
};

struct ImportRowError {
  size_t line;  // 1-based line where the row starts
  std::string message;
};

struct ParsedImport {
  std::vector<FeedbackInput> items;
  std::vector<size_t> lines;           // the line of each item
  std::vector<ImportRowError> errors;  // all rows that failed (none are imported then)
};

// Reads the whole input. `now` is the default received_at. `progress` (may be empty) gets the number of
// bytes read so far now and then.
ParsedImport ParseImport(std::istream& in, const ImportOptions& options, Micros now,
                         const std::function<void(size_t)>& progress);

// Splits one CSV record starting at `in`'s position (RFC 4180: quotes, "" escapes, newlines inside
// quotes); false at the end of input. `lines` is increased by the newlines consumed.
bool ReadCsvRecord(std::istream& in, std::vector<std::string>& fields, size_t& lines);

}  // namespace ks
