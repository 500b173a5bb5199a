#include "web/static_assets.h"

#include <map>

#include "base/embedded_file.h"
#include "base/random.h"

namespace ks::web {

const std::vector<EmbeddedFile>& EmbeddedStaticFiles();

namespace {

struct Asset {
  std::string content;
  std::string content_type;
  std::string digest;
};

std::string ContentType(const std::string& name) {
  if (name.ends_with(".css")) return "text/css; charset=utf-8";
  if (name.ends_with(".js")) return "text/javascript; charset=utf-8";
  if (name.ends_with(".svg")) return "image/svg+xml";
  return "application/octet-stream";
}

const std::map<std::string, Asset>& Assets() {
  static const std::map<std::string, Asset> kAssets = [] {
    std::map<std::string, Asset> assets;
    for (const auto& file : EmbeddedStaticFiles()) {
      assets.emplace(file.name, Asset{file.content, ContentType(file.name), DigestHex(file.content).substr(0, 12)});
    }
    return assets;
  }();
  return kAssets;
}

}  // namespace

std::string AssetPath(const std::string& name) { return "/static/" + name + "?v=" + Assets().at(name).digest; }

void AddStaticRoutes(http::Router& router) {
  router.Add("GET", "/static/{name}", [](const http::Request& request, const http::Responder& respond) {
    const auto it = Assets().find(request.path_params.at("name"));
    if (it == Assets().end()) {
      respond(http::HttpErrorResponse(404, "not_found", "no static file " + request.path_params.at("name")));
      return;
    }
    http::Response response;
    response.content_type = it->second.content_type;
    response.body = it->second.content;
    const std::string etag = "\"" + it->second.digest + "\"";
    response.headers.emplace_back("ETag", etag);
    response.headers.emplace_back("X-Content-Type-Options", "nosniff");
    response.headers.emplace_back("Cache-Control",
                                  request.Query("v") ? "public, max-age=31536000, immutable" : "public, max-age=300");
    if (request.Header("if-none-match") == etag) {
      response.status = 304;
      response.body.clear();
    }
    respond(std::move(response));
  });
}

}  // namespace ks::web
