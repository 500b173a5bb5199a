#include "web/forms.h"

#include <gtest/gtest.h>

namespace ks::web {
namespace {

TEST(FormsTest, ParsesUrlEncodedBodies) {
  const Form form = ParseForm("a=1&name=Jan+de+Vries&q=%3Cscript%3E&empty=&flag&bad=%FF");
  EXPECT_EQ(FormValue(form, "a"), "1");
  EXPECT_EQ(FormValue(form, "name"), "Jan de Vries");
  EXPECT_EQ(FormValue(form, "q"), "<script>");
  EXPECT_EQ(FormValue(form, "empty"), "");
  EXPECT_EQ(form.count("flag"), 1u);
  EXPECT_EQ(form.count("bad"), 0u);  // not UTF-8 after decoding
  EXPECT_EQ(FormValue(form, "missing"), "");
}

TEST(FormsTest, ParsesMultipartFormsWithAFile) {
  http::Request r;
  r.method = "POST";
  r.headers = {{"content-type", "multipart/form-data; boundary=----b0undary"}};
  const std::string png("\x89PNG\r\n\x1a\n\x00\x01--x", 14);
  r.body =
      "------b0undary\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\nabc\r\n"
      "------b0undary\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nJan & Piet\r\n"
      "------b0undary\r\nContent-Disposition: form-data; name=\"logo\"; filename=\"logo.png\"\r\n"
      "Content-Type: image/png\r\n\r\n" +
      png +
      "\r\n------b0undary\r\nContent-Disposition: form-data; name=\"empty\"; filename=\"\"\r\n"
      "Content-Type: application/octet-stream\r\n\r\n\r\n------b0undary--\r\n";
  const Form form = ParseRequestForm(r);
  EXPECT_EQ(FormValue(form, "_csrf"), "abc");
  EXPECT_EQ(FormValue(form, "name"), "Jan & Piet");
  EXPECT_EQ(FormValue(form, "logo"), png);
  EXPECT_EQ(FormValue(form, "logo.content_type"), "image/png");
  EXPECT_EQ(form.count("empty"), 0u);
  // A broken body gives what could be read, never a crash.
  r.body = "------b0undary\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nno end";
  EXPECT_TRUE(ParseRequestForm(r).empty());
  r.headers["content-type"] = "multipart/form-data";  // no boundary
  EXPECT_TRUE(ParseRequestForm(r).empty());
}

http::Request Post(std::map<std::string, std::string> headers) {
  http::Request r;
  r.method = "POST";
  r.headers = std::move(headers);
  return r;
}

TEST(FormsTest, CsrfNeedsSameOriginAndTheSessionToken) {
  const std::string token = "abc123";
  const Form good_form{{"_csrf", token}};
  const Form bad_form{{"_csrf", "abc124"}};
  struct Case {
    std::map<std::string, std::string> headers;
    Form form;
    bool allowed;
  } cases[] = {
      {{{"host", "127.0.0.1:8080"}, {"origin", "http://127.0.0.1:8080"}}, good_form, true},
      {{{"host", "127.0.0.1:8080"}, {"referer", "http://127.0.0.1:8080/inbox?x=1"}}, good_form, true},
      {{{"host", "127.0.0.1:8080"}, {"origin", "http://127.0.0.1:8080"}, {"x-csrf-token", token}}, {}, true},
      {{{"host", "127.0.0.1:8080"}, {"origin", "http://evil.example"}}, good_form, false},
      {{{"host", "127.0.0.1:8080"}, {"origin", "http://127.0.0.1:8080.evil.example"}}, good_form, false},
      {{{"host", "127.0.0.1:8080"}, {"referer", "http://evil.example/127.0.0.1:8080"}}, good_form, false},
      {{{"host", "127.0.0.1:8080"}}, good_form, false},  // neither Origin nor Referer
      {{{"host", "127.0.0.1:8080"}, {"origin", "null"}}, good_form, false},
      {{{"host", "127.0.0.1:8080"}, {"origin", "http://127.0.0.1:8080"}}, bad_form, false},
      {{{"host", "127.0.0.1:8080"}, {"origin", "http://127.0.0.1:8080"}}, {}, false},
      {{{"host", "127.0.0.1:8080"}, {"origin", "http://127.0.0.1:8080"}, {"x-csrf-token", "abc12"}}, {}, false},
  };
  int i = 0;
  for (const auto& c : cases) {
    EXPECT_EQ(CsrfAllowed(Post(c.headers), c.form, token), c.allowed) << "case " << i;
    ++i;
  }
  EXPECT_FALSE(CsrfAllowed(Post({{"host", "h"}, {"origin", "http://h"}}), {{"_csrf", ""}}, ""));
}

}  // namespace
}  // namespace ks::web
