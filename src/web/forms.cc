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

namespace {

// The value of parameter `name` in a header value such as `form-data; name="logo"; filename="a.png"`.
std::string HeaderParameter(std::string_view header, std::string_view name) {
  const std::string key = std::string(name) + "=";
  for (size_t at = header.find(key); at != std::string_view::npos; at = header.find(key, at + 1)) {
    if (at > 0 && header[at - 1] != ' ' && header[at - 1] != ';') continue;
    std::string_view value = header.substr(at + key.size());
    if (!value.empty() && value[0] == '"') {
      value.remove_prefix(1);
      return std::string(value.substr(0, value.find('"')));
    }
    return std::string(Trim(value.substr(0, value.find(';'))));
  }
  return "";
}

Form ParseMultipart(std::string_view body, const std::string& boundary) {
  Form form;
  const std::string delimiter = "--" + boundary;
  size_t at = body.find(delimiter);
  while (at != std::string_view::npos) {
    at += delimiter.size();
    if (body.substr(at, 2) == "--") break;  // the closing delimiter
    const size_t headers_end = body.find("\r\n\r\n", at);
    const size_t next = body.find("\r\n" + delimiter, at);
    if (headers_end == std::string_view::npos || next == std::string_view::npos || headers_end > next) break;
    std::string name, type;
    bool file = false;
    for (const auto& line : Split(body.substr(at, headers_end - at), '\n')) {
      const std::string lower = ToLowerAscii(Trim(line));
      if (lower.starts_with("content-disposition:")) {
        name = HeaderParameter(Trim(line), "name");
        file = lower.find("filename=") != std::string::npos;
      } else if (lower.starts_with("content-type:")) {
        type = lower.substr(13);
        type = std::string(Trim(type));
      }
    }
    std::string value(body.substr(headers_end + 4, next - headers_end - 4));
    if (!name.empty() && !file && IsValidUtf8(value)) {
      form.emplace(name, std::move(value));
    } else if (!name.empty() && file && !value.empty()) {
      form.emplace(name + ".content_type", type);
      form.emplace(name, std::move(value));
    }
    at = next + 2;
  }
  return form;
}

}  // namespace

Form ParseRequestForm(const http::Request& request) {
  const std::string type = request.Header("content-type");
  if (ToLowerAscii(type).starts_with("multipart/form-data")) {
    const std::string boundary = HeaderParameter(type, "boundary");
    return boundary.empty() ? Form{} : ParseMultipart(request.body, boundary);
  }
  return ParseForm(request.body);
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
