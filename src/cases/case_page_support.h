// What the case pages share (case_pages.cc, case_list_page.cc): reading ids from the URL and showing a
// case's customer, owner, priority, state and deadlines in the reader's language. Thread-safe.
#pragma once

#include <cstdint>
#include <mstch/mstch.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "accounts/web_auth.h"
#include "base/strings.h"
#include "cases/case.h"
#include "http/http_types.h"

namespace ks::cases {

std::string Param(const http::Request& request, const std::string& name);
std::optional<int> ParseCount(std::string_view text, int min, int max);
std::string StateLabel(const WebRequest& r, CaseState state);
std::string PriorityText(const WebRequest& r, Priority priority);
// The chip's colour class of a priority (the chip also says the priority in words).
std::string_view PriorityClass(Priority priority);
// A catalogue text when the catalogue has `key`, else `fallback` (values from stored JSON may be anything).
std::string TextOr(const WebRequest& r, const std::string& key, const std::string& fallback);
std::string QueueLabel(const WebRequest& r, const std::string& queue);
std::string OwnerText(const WebRequest& r, const Case& k);
std::string CustomerText(const WebRequest& r, const Case& k);
std::string DateTime(const WebRequest& r, Micros t);
// "3 hours", "2 days": a wall-clock duration as people say it (at least one minute).
std::string Duration(const WebRequest& r, Micros d);
// The deadline that matters now, as the list, the board and the case page show it.
mstch::map DueView(const WebRequest& r, const Case& k, Micros now);
mstch::map CaseRow(const WebRequest& r, const Case& k, Micros now);

// <option>s for a <select>: each value's name and label, the one named `selected` selected.
template <typename Range, typename Name, typename Label>
mstch::array Options(const Range& values, const std::string& selected, const Name& name, const Label& label) {
  mstch::array options;
  for (const auto& value : values) {
    const std::string v(name(value));
    options.push_back(mstch::map{{"value", v}, {"label", label(value)}, {"selected", v == selected}});
  }
  return options;
}

}  // namespace ks::cases
