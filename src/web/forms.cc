#include "web/forms.h"

#include "base/random.h"
#include "base/strings.h"

namespace ks::web {
namespace {

// "https://host:port/path" → "host:port".
std::string Authority(std::string_view url) {
  const auto scheme = url.find("://");
  if (scheme == std::string_view::npos) return "";
  url.remove_prefix(scheme + 3);
  return std::string(url.substr(0, url.find_first_of("/?#")));
}

}  // namespace

Form ParseForm(std::string_view body) {
  Form form;
  for (const auto& pair : Split(body, '&')) {
    if (pair.empty()) continue;
    const auto eq = pair.find('=');
    std::string name = PercentDecode(pair.substr(0, eq), true);
    std::string value = eq == std::string::npos ? "" : PercentDecode(pair.substr(eq + 1), true);
    if (IsValidUtf8(name) && IsValidUtf8(value)) form.emplace(std::move(name), std::move(value));
  }
  return form;
}

std::string FormValue(const Form& form, const std::string& name) {
  const auto it = form.find(name);
  return it == form.end() ? "" : it->second;
}

std::string UrlEncode(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char ch : s) {
    if (std::isalnum(ch) || ch == '-' || ch == '_' || ch == '.' || ch == '~' || ch == '/') {
      out += static_cast<char>(ch);
    } else {
      out += '%';
      out += kHex[ch >> 4];
      out += kHex[ch & 15];
    }
  }
  return out;
}

bool SameOrigin(const http::Request& request) {
  const std::string host = request.Header("host");
  if (host.empty()) return false;
  const std::string origin = request.Header("origin");
  if (!origin.empty() && origin != "null") return Authority(origin) == host;
  const std::string referer = request.Header("referer");
  return !referer.empty() && Authority(referer) == host;
}

bool CsrfAllowed(const http::Request& request, const Form& form, const std::string& session_csrf_token) {
  if (!SameOrigin(request) || session_csrf_token.empty()) return false;
  std::string token = request.Header("x-csrf-token");
  if (token.empty()) token = FormValue(form, "_csrf");
  return token.size() == session_csrf_token.size() && ConstantTimeEquals(token, session_csrf_token);
}

}  // namespace ks::web
