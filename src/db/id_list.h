// Ids written into SQL as "IN (1,2,3)": one statement for many rows, where neither engine offers a
// portable array parameter. Only for integers from the database or the code — never for text a user
// typed — so nothing can be injected. Header-only; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace ks::db {

// "1,2,3"; empty for no ids (the caller must not run "IN ()").
inline std::string IdList(const std::vector<std::int64_t>& ids) {
  std::string out;
  for (const std::int64_t id : ids) out += (out.empty() ? "" : ",") + std::to_string(id);
  return out;
}

}  // namespace ks::db
