// Authorisation of API requests: the bearer key must exist and carry the scope the route needs.
#pragma once

#include <string_view>

#include "accounts/api_keys.h"
#include "http/http_types.h"

namespace ks {

// kUnauthenticated (401) without a valid key; kPermissionDenied (403) when the key lacks `scope`.
Result<ApiKey> Authorize(ApiKeyAuthenticator& authenticator, const http::Request& request, std::string_view scope);

}  // namespace ks
