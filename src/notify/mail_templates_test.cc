#include "notify/mail_templates.h"

#include <gtest/gtest.h>

#include "notify/smtp_transport.h"

namespace ks::notify {
namespace {

mstch::map Invite(const std::string& inviter) {
  return {{"name", std::string("Jan & Piet <x>")},
          {"inviter_name", inviter},
          {"organisation", std::string("Stroomlijn")},
          {"link", std::string("https://k.example/invite/abc?x=1&y=2")},
          {"expires_hours", std::string("168")}};
}

TEST(MailTemplatesTest, LanguagesFallbackAndEscaping) {
  struct Case {
    std::string language, subject_start;
  } cases[] = {
      {"nl", "Anouk Vermeer nodigt u uit"}, {"en", "Anouk Vermeer invites you"}, {"de", "Anouk Vermeer invites you"}};
  for (const auto& c : cases) {
    auto mail = RenderMail("accounts.invite", c.language, Invite("Anouk Vermeer"), "jan@example.nl", "Jan");
    ASSERT_TRUE(mail.ok()) << c.language;
    EXPECT_EQ(mail->subject.rfind(c.subject_start, 0), 0u) << mail->subject;
    EXPECT_EQ(mail->subject.find('\n'), std::string::npos);
    // Plain text keeps values literally; the HTML part escapes them.
    EXPECT_NE(mail->text_body.find("Jan & Piet <x>"), std::string::npos) << mail->text_body;
    EXPECT_NE(mail->text_body.find("https://k.example/invite/abc?x=1&y=2"), std::string::npos);
    EXPECT_NE(mail->html_body.find("Jan &amp; Piet &lt;x&gt;"), std::string::npos);
    EXPECT_EQ(mail->html_body.find("<x>"), std::string::npos);
    EXPECT_EQ(mail->kind, "accounts.invite");
  }
}

TEST(MailTemplatesTest, ValuesCannotAddHeadersToTheSubject) {
  auto mail = RenderMail("accounts.invite", "en", Invite("Eve\r\nBcc: victim@example.nl"), "a@b.nl", "A\nB");
  ASSERT_TRUE(mail.ok());
  EXPECT_EQ(mail->subject.find('\n'), std::string::npos);
  EXPECT_EQ(mail->subject.find('\r'), std::string::npos);
  EXPECT_EQ(mail->to_name, "A B");
}

TEST(MailTemplatesTest, UnknownKind) {
  auto mail = RenderMail("no.such.mail", "en", {}, "a@b.nl", "");
  ASSERT_FALSE(mail.ok());
  EXPECT_EQ(mail.error().code, ErrorCode::kNotFound);
}

TEST(MailTemplatesTest, UnescapeHtml) {
  struct Case {
    std::string in, out;
  } cases[] = {{"a &amp; b", "a & b"},
               {"&lt;x&gt; &quot;q&quot; &#39;", "<x> \"q\" '"},
               {"&#x2f;&#x2F;&#47;", "///"},
               {"&amp;lt;", "&lt;"},
               {"&#x1F600;", "\xF0\x9F\x98\x80"},
               {"& &x; &#; &#xZZ; &#0;", "& &x; &#; &#xZZ; &#0;"}};
  for (const auto& c : cases) EXPECT_EQ(UnescapeHtml(c.in), c.out) << c.in;
}

TEST(SmtpUrlTest, Parses) {
  auto plain = ParseSmtpUrl("smtp://127.0.0.1:2525");
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain->host, "127.0.0.1");
  EXPECT_EQ(plain->port, 2525);
  EXPECT_FALSE(plain->starttls);
  EXPECT_TRUE(plain->username.empty());
  auto full = ParseSmtpUrl(
      "smtp://mailer%40example.com:p%40ss%3Aword@smtp.example.com?starttls=1&from=noreply@example.com"
      "&from_name=Klantenservice+Stroomlijn&timeout=10");
  ASSERT_TRUE(full.ok()) << full.error().message;
  EXPECT_EQ(full->username, "mailer@example.com");
  EXPECT_EQ(full->password, "p@ss:word");
  EXPECT_EQ(full->host, "smtp.example.com");
  EXPECT_EQ(full->port, 587);
  EXPECT_TRUE(full->starttls);
  EXPECT_EQ(full->from_address, "noreply@example.com");
  EXPECT_EQ(full->from_name, "Klantenservice Stroomlijn");
  EXPECT_EQ(full->timeout, 10 * kMicrosPerSecond);
  EXPECT_EQ(ParseSmtpUrl("smtp://relay").value().port, 25);
}

TEST(SmtpUrlTest, RefusesWithAReason) {
  struct Case {
    std::string url, why;
  } cases[] = {
      {"http://host", "smtp://"},          {"smtp://", "host"},
      {"smtp://host:0", "port"},           {"smtp://host:99999", "port"},
      {"smtp://host:25x", "port"},         {"smtp://host?starttls=yes", "starttls"},
      {"smtp://host?from=nobody", "from"}, {"smtp://host?colour=blue", "unknown parameter"},
      {"smtp://:pw@host", "user name"},
  };
  for (const auto& c : cases) {
    auto parsed = ParseSmtpUrl(c.url);
    ASSERT_FALSE(parsed.ok()) << c.url;
    EXPECT_EQ(parsed.error().field, "smtp");
    EXPECT_NE(parsed.error().message.find(c.why), std::string::npos) << parsed.error().message;
  }
}

}  // namespace
}  // namespace ks::notify
