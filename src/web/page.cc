#include "web/page.h"

#include "web/static_assets.h"

namespace ks::web {
namespace {

void AddCommon(mstch::map& context, const Frame& frame) {
  context["t"] = frame.messages->AsMap();
  context["lang"] = frame.messages->language();
  context["csrf"] = frame.csrf_token;
}

}  // namespace

void AddSecurityHeaders(http::Response& response) {
  response.headers.emplace_back("Content-Security-Policy",
                                "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                                "connect-src 'self'; font-src 'self'; form-action 'self'; base-uri 'none'; "
                                "frame-ancestors 'none'");
  response.headers.emplace_back("X-Content-Type-Options", "nosniff");
  response.headers.emplace_back("Referrer-Policy", "same-origin");
  response.headers.emplace_back("X-Frame-Options", "DENY");
  response.headers.emplace_back("Cache-Control", "no-store");
}

bool IsHtmx(const http::Request& request) { return request.Header("hx-request") == "true"; }

http::Response HtmlPage(const Templates& templates, const Frame& frame, const std::string& body_template,
                        mstch::map body, int status) {
  AddCommon(body, frame);
  mstch::map layout;
  AddCommon(layout, frame);
  layout["title"] = frame.title;
  layout["organisation"] = frame.organisation;
  layout["user_name"] = frame.user_name;
  layout["role_label"] = frame.role_label;
  layout["logged_in"] = !frame.user_name.empty();
  mstch::array nav;
  for (const auto& item : frame.nav) {
    nav.push_back(mstch::map{{"href", item.href}, {"label", item.label}, {"current", item.current}});
  }
  layout["nav"] = std::move(nav);
  layout["css"] = AssetPath("app.css");
  layout["htmx"] = AssetPath("htmx.min.js");
  layout["body"] = templates.Render(body_template, body);
  http::Response response;
  response.status = status;
  response.content_type = "text/html; charset=utf-8";
  response.body = templates.Render("layout", layout);
  AddSecurityHeaders(response);
  return response;
}

http::Response HtmlFragment(const Templates& templates, const Frame& frame, const std::string& fragment_template,
                            mstch::map body) {
  AddCommon(body, frame);
  http::Response response;
  response.content_type = "text/html; charset=utf-8";
  response.body = templates.Render(fragment_template, body);
  AddSecurityHeaders(response);
  return response;
}

http::Response Redirect(const http::Request& request, const std::string& location) {
  http::Response response;
  response.status = 303;
  response.content_type = "text/plain; charset=utf-8";
  response.headers.emplace_back("Location", location);
  if (IsHtmx(request)) response.headers.emplace_back("HX-Redirect", location);
  AddSecurityHeaders(response);
  return response;
}

}  // namespace ks::web
