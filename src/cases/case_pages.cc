#include "cases/case_pages.h"

namespace ks::cases {

void AddCasePages(http::Router&, WebAuth&, CaseService&, const Clock&) {}

}  // namespace ks::cases
