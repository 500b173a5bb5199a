// How the analysis of an item's text (language, sentiment, topics with their sentiment, key phrases) is
// kept in the feedback table's columns, and read back. The same columns serve ingestion, survey
// answers, the demo and re-analysis. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "db/database.h"
#include "text/analyzer.h"

namespace ks {

// The columns, in the order of TextColumnValues: language, sentiment, sentiment_label, topics,
// topic_sentiments, key_phrases, language_confidence, text_revision, language_detected.
inline constexpr std::string_view kTextColumnNames =
    "language, sentiment, sentiment_label, topics, topic_sentiments, key_phrases, language_confidence, text_revision, "
    "language_detected";

// The values of the columns for an item. `analysis` is null for an item without text: its language is
// `given_language` and the analysis columns are empty. `revision` is the taxonomy revision used.
std::vector<db::Value> TextColumnValues(const text::TextAnalysis* analysis, std::string_view given_language,
                                        std::int64_t revision);

// The analysis read back from the columns (a row's values from `first`, in kTextColumnNames order).
// An item that was never analysed (NULL text_revision) gives false.
bool TextAnalysisFromColumns(const std::vector<db::Value>& row, size_t first, text::TextAnalysis& out);

// The key_phrases column's phrases ("lange wachttijd|vriendelijke chauffeur").
std::vector<std::string> SplitKeyPhrases(std::string_view column);

// "delivery:-0.62,staff:0.71" and back; unreadable parts are skipped.
std::string FormatTopicSentiments(const std::vector<text::TopicSentiment>& topics);
std::vector<text::TopicSentiment> ParseTopicSentiments(std::string_view column);

}  // namespace ks
