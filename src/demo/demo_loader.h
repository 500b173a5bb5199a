// Stores a generated demo organisation (demo_generator.h) in one transaction per part, reusing the
// same statements as the API, so the demo data is exactly what ingestion would have written.
// Loading twice is harmless: units and feedback (by idempotency_key) are not doubled.
#pragma once

#include <functional>
#include <string_view>
#include <vector>

#include "db/database.h"
#include "demo/demo_generator.h"

namespace ks::demo {

struct DemoSummary {
  size_t units = 0, customers = 0, feedback = 0;
};

// Runs `statements` in transactions of about 20,000 statements each.
Result<void> WriteAll(db::Connection& c, std::vector<db::Statement>& statements);

Result<DemoSummary> LoadDemo(db::Connection& connection, const DemoOptions& options,
                             const std::function<void(std::string_view)>& progress);

}  // namespace ks::demo
