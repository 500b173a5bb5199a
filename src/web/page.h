// HTML responses: a page inside the layout (navigation by role, language, CSRF token for htmx), an
// htmx fragment, a redirect, and the security headers every HTML response carries.
//
// The Content-Security-Policy allows scripts and styles only from klantstem itself ('self'): no
// inline script, no inline style, no eval; frames are refused (frame-ancestors 'none'). htmx is
// configured by a <meta name="htmx-config"> tag accordingly (no inline indicator styles, no eval).
// Pure functions; thread-safe.
#pragma once

#include <mstch/mstch.hpp>
#include <string>
#include <vector>

#include "http/http_types.h"
#include "web/i18n.h"
#include "web/templates.h"

namespace ks::web {

struct NavItem {
  std::string href;
  std::string label;
  bool current = false;
};

// What the layout shows around a page's body.
struct Frame {
  const Catalog* messages = nullptr;  // the request's language
  std::string title;                  // the page's own title; "· klantstem" is added
  std::string organisation;           // shown in the header
  std::string user_name;              // empty: nobody logged in (no navigation)
  std::string role_label;
  std::vector<NavItem> nav;
  std::string csrf_token;  // sent by htmx in X-CSRF-Token, and put in forms as {{csrf}}
  std::string current_path;
};

// The page `body_template` rendered with `body` (which also gets t, csrf and lang), inside the layout.
http::Response HtmlPage(const Templates& templates, const Frame& frame, const std::string& body_template,
                        mstch::map body, int status = 200);
// Only `fragment_template` (for htmx requests that swap part of a page).
http::Response HtmlFragment(const Templates& templates, const Frame& frame, const std::string& fragment_template,
                            mstch::map body);
// 303 See Other to `location` (after a POST); for htmx requests also HX-Redirect.
http::Response Redirect(const http::Request& request, const std::string& location);
// Adds Content-Security-Policy, X-Content-Type-Options, Referrer-Policy, X-Frame-Options and
// Cache-Control: no-store (pages hold personal data).
void AddSecurityHeaders(http::Response& response);
// True for requests made by htmx (HX-Request header).
bool IsHtmx(const http::Request& request);

}  // namespace ks::web
