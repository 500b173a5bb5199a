#include "app/system_api.h"

#include <nlohmann/json.hpp>

#include "base/embedded_file.h"
#include "db/migrations.h"

namespace ks {

const std::vector<EmbeddedFile>& EmbeddedApiDocuments();  // generated from openapi.json

const std::string& OpenApiDocument() {
  static const std::string document = EmbeddedApiDocuments().at(0).content;
  return document;
}

void AddSystemRoutes(http::Router& router, db::ConnectionPool& pool, http::HttpMetrics& metrics) {
  router.Add("GET", "/healthz", [](const http::Request&, const http::Responder& respond) {
    http::Response r;
    r.content_type = "text/plain; charset=utf-8";
    r.body = "ok\n";
    respond(std::move(r));
  });
  router.Add("GET", "/readyz", [&pool](const http::Request&, const http::Responder& respond) {
    auto connection = pool.Acquire();
    if (!connection.ok()) {
      return respond(http::JsonResponse(503, {{"ready", false}, {"database", connection.error().message}}));
    }
    auto status = db::GetMigrationStatus(**connection);
    if (!status.ok()) {
      connection->Discard();
      return respond(http::JsonResponse(503, {{"ready", false}, {"database", status.error().message}}));
    }
    const bool ready = status->up_to_date();
    respond(http::JsonResponse(ready ? 200 : 503,
                               {{"ready", ready},
                                {"database", "ok"},
                                {"migrations", {{"current", status->current}, {"latest", status->latest}}}}));
  });
  router.Add("GET", "/metrics", [&metrics](const http::Request&, const http::Responder& respond) {
    http::Response r;
    r.content_type = "text/plain; version=0.0.4";
    r.body = metrics.Render();
    respond(std::move(r));
  });
  router.Add("GET", "/api/v1/openapi.json", [](const http::Request&, const http::Responder& respond) {
    http::Response r;
    r.body = OpenApiDocument();
    respond(std::move(r));
  });
}

}  // namespace ks
