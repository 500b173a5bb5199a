// `klantstem text eval`: measures the text analysis (language, sentiment, topics) against labelled data
// — SemEval-2016 Task 5 XML or a TSV of texts with labels or ratings — and prints the report (see
// text/evaluation.h). Needs no database.
#pragma once

#include <string>

namespace ks {

// Evaluates the analyzer on the file `data_path` in `format` ("semeval" or "tsv") with the taxonomy in the
// JSON file `taxonomy_path` (empty: the built-in default). `language` (may be empty) is the data's
// language, used like a customer's language for texts too short to tell. Prints the report on stdout.
// Returns 0, or 2 with a message on stderr for a bad format name or language, an unreadable file or
// invalid data or taxonomy.
int TextEvalCommand(const std::string& data_path, const std::string& format, const std::string& taxonomy_path,
                    const std::string& language);

}  // namespace ks
