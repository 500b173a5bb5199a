// The /api/v1/customers and /api/v1/units routes.
#pragma once

#include "accounts/api_keys.h"
#include "customers/unit_directory.h"
#include "db/connection_pool.h"
#include "db/group_commit_writer.h"
#include "http/router.h"

namespace ks {

// Registers the routes; the referenced objects must outlive the router.
void AddCustomerRoutes(http::Router& router, db::GroupCommitWriter& writer, db::ConnectionPool& pool,
                       UnitDirectory& units, ApiKeyAuthenticator& authenticator, const Clock& clock);

}  // namespace ks
