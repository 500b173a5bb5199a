// /admin/units: the organisation's units as a tree (teams, locations, brands, regions) and a form to
// add one. Admin only (Action::kManageUnits).
#pragma once

#include <vector>

#include "accounts/web_auth.h"
#include "base/clock.h"
#include "base/embedded_file.h"
#include "customers/unit_directory.h"
#include "http/router.h"

namespace ks {

void AddUnitPages(http::Router& router, WebAuth& auth, UnitDirectory& units, const Clock& clock);
// The templates of customers/templates, for web::Templates.
const std::vector<EmbeddedFile>& EmbeddedCustomerTemplates();

}  // namespace ks
