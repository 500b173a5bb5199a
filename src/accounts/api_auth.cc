#include "accounts/api_auth.h"

namespace ks {

Result<ApiKey> Authorize(ApiKeyAuthenticator& authenticator, const http::Request& request, std::string_view scope) {
  KS_ASSIGN_OR_RETURN(ApiKey key, authenticator.Authenticate(request.Header("authorization")));
  if (!key.Allows(scope)) {
    return Error::PermissionDenied("the API key '" + key.name + "' lacks the scope " + std::string(scope));
  }
  return key;
}

}  // namespace ks
