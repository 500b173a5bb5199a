// The web application's static files (web/static/*, and htmx from the pinned npm package), compiled
// into the binary and served under /static/<name>?v=<digest> with a long cache lifetime: the digest
// in the URL changes whenever the file does. Thread-safe.
#pragma once

#include <string>

#include "http/router.h"

namespace ks::web {

// "/static/app.css?v=1a2b3c4d" for a file name; throws std::out_of_range for an unknown asset.
std::string AssetPath(const std::string& name);
// GET /static/{name}.
void AddStaticRoutes(http::Router& router);

}  // namespace ks::web
