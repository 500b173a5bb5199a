// JSON helpers shared by the features: attributes (segments and the like) as objects of scalars.
// Pure functions; thread-safe.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>

#include "base/result.h"

namespace ks {

// Reads a JSON object of scalars (string, number, boolean) into string attributes; null is empty.
// Errors name `field` and the key ("attributes.segment").
Result<std::map<std::string, std::string>> ParseAttributes(const nlohmann::json& value, const std::string& field);
nlohmann::json AttributesToJson(const std::map<std::string, std::string>& attributes);
// The stored form of attributes (a JSON object as text) and back.
std::string AttributesToText(const std::map<std::string, std::string>& attributes);
std::map<std::string, std::string> AttributesFromText(const std::string& text);

// The string `key` of `object`: kInvalidArgument naming `key` when it is required and missing, not a
// string, or longer than `max_length` code points. Missing or null gives an empty string.
Result<std::string> JsonString(const nlohmann::json& object, const std::string& key, bool required, size_t max_length);
// As JsonString, but missing or null gives nullopt.
Result<std::optional<std::string>> JsonOptionalString(const nlohmann::json& object, const std::string& key,
                                                      size_t max_length);
// kInvalidArgument naming the first field of `object` that is not in `known` (catches typos).
Result<void> RejectUnknownFields(const nlohmann::json& object, const std::set<std::string>& known);

// The JSON type's name for error messages ("string", "array", …).
inline std::string JsonTypeName(const nlohmann::json& v) { return v.type_name(); }

}  // namespace ks
