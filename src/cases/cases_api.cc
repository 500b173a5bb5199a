#include "cases/cases_api.h"

namespace ks::cases {

void AddCaseRoutes(http::Router&, CaseService&, db::ConnectionPool&, ApiKeyAuthenticator&, const Clock&) {}

}  // namespace ks::cases
