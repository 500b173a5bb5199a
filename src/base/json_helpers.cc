#include "base/json_helpers.h"

#include <set>

#include "base/strings.h"

namespace ks {
namespace {

using nlohmann::json;

constexpr size_t kMaxAttributes = 50;
constexpr size_t kMaxAttributeValue = 200;

}  // namespace

Result<std::string> JsonString(const json& object, const std::string& key, bool required, size_t max_length) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) {
    if (required) return Error::Invalid(key, "is required");
    return std::string();
  }
  if (!it->is_string()) return Error::Invalid(key, "must be a string, not " + JsonTypeName(*it));
  const auto& s = it->get_ref<const std::string&>();
  if (s.find('\0') != std::string::npos) return Error::Invalid(key, "must not contain NUL characters (\\u0000)");
  if (CodePointCount(s) > max_length) {
    return Error::Invalid(key, "is " + std::to_string(CodePointCount(s)) + " characters long; the limit is " +
                                   std::to_string(max_length));
  }
  return s;
}

Result<void> RejectUnknownFields(const json& object, const std::set<std::string>& known) {
  for (const auto& [key, value] : object.items()) {
    if (!known.contains(key)) {
      std::string list;
      for (const auto& k : known) {
        if (!list.empty()) list += ", ";
        list += k;
      }
      return Error::Invalid(key, "unknown field (known fields: " + list + ")");
    }
  }
  return Ok();
}

Result<std::optional<std::string>> JsonOptionalString(const json& object, const std::string& key, size_t max_length) {
  if (!object.contains(key) || object[key].is_null()) return std::optional<std::string>();
  KS_ASSIGN_OR_RETURN(std::string s, JsonString(object, key, false, max_length));
  return std::optional<std::string>(std::move(s));
}

Result<std::map<std::string, std::string>> ParseAttributes(const json& v, const std::string& field) {
  std::map<std::string, std::string> out;
  if (v.is_null()) return out;
  if (!v.is_object()) return Error::Invalid(field, "must be an object of names to values, not " + JsonTypeName(v));
  if (v.size() > kMaxAttributes) {
    return Error::Invalid(
        field, "has " + std::to_string(v.size()) + " entries; the limit is " + std::to_string(kMaxAttributes));
  }
  for (const auto& [key, value] : v.items()) {
    std::string where = field;
    where += ".";
    where += key;
    if (key.empty() || key.size() > 64) return Error::Invalid(where, "names must be 1..64 characters");
    if (value.is_string()) {
      if (CodePointCount(value.get_ref<const std::string&>()) > kMaxAttributeValue) {
        return Error::Invalid(where, "is longer than " + std::to_string(kMaxAttributeValue) + " characters");
      }
      out[key] = value.get<std::string>();
    } else if (value.is_number() || value.is_boolean()) {
      out[key] = value.dump();
    } else {
      return Error::Invalid(where, "must be a string, number or boolean, not " + JsonTypeName(value));
    }
  }
  return out;
}

json AttributesToJson(const std::map<std::string, std::string>& attributes) {
  json out = json::object();
  for (const auto& [k, v] : attributes) out[k] = v;
  return out;
}

std::string AttributesToText(const std::map<std::string, std::string>& attributes) {
  return AttributesToJson(attributes).dump();
}

std::map<std::string, std::string> AttributesFromText(const std::string& text) {
  std::map<std::string, std::string> out;
  const json v = json::parse(text, nullptr, false);
  if (!v.is_object()) return out;
  for (const auto& [k, value] : v.items()) out[k] = value.is_string() ? value.get<std::string>() : value.dump();
  return out;
}

}  // namespace ks
