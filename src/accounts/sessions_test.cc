#include "accounts/sessions.h"

#include <gtest/gtest.h>

#include "accounts/sqlite_fixture_test.h"
#include "accounts/user_store.h"
#include "accounts/user_tokens.h"

namespace ks {
namespace {

constexpr Micros kHour = 3600 * kMicrosPerSecond;

class SessionsTest : public SqliteFixture {
 protected:
  void SetUp() override {
    SqliteFixture::SetUp();
    user_ =
        CreateUser(*connection_, {"Jan@Example.nl", "Jan de Vries", "nl", "", Role::kEmployee}, clock_.Now()).value();
    store_ = std::make_unique<SessionStore>(*pool_, clock_, SessionConfig{});
  }
  User user_;
  std::unique_ptr<SessionStore> store_;
};

TEST_F(SessionsTest, LoginGivesANewTokenAndEndsThePreviousOne) {
  const std::string first = store_->Create(user_.id, "").value();
  const auto session = store_->Authenticate(first);
  ASSERT_TRUE(session.ok());
  EXPECT_EQ(session->user.email, "jan@example.nl");
  EXPECT_EQ(session->csrf_token.size(), 64u);
  const std::string second = store_->Create(user_.id, first).value();
  EXPECT_NE(first, second);
  EXPECT_EQ(store_->Authenticate(first).error().code, ErrorCode::kUnauthenticated);
  EXPECT_TRUE(store_->Authenticate(second).ok());
  // Only a digest is stored.
  auto rows = connection_->Query("SELECT token_hash FROM sessions").value();
  for (const auto& r : rows.rows) EXPECT_NE(db::AsText(r[0]), second);
}

TEST_F(SessionsTest, IdleAndAbsoluteExpiry) {
  const std::string token = store_->Create(user_.id, "").value();
  clock_.Advance(3 * kHour);
  EXPECT_TRUE(store_->Authenticate(token).ok());  // used: idle clock restarts
  clock_.Advance(3 * kHour);
  EXPECT_TRUE(store_->Authenticate(token).ok());
  clock_.Advance(4 * kHour + 1);
  EXPECT_FALSE(store_->Authenticate(token).ok());  // idle for more than 4 hours

  const std::string busy = store_->Create(user_.id, "").value();
  for (int i = 0; i < 7 * 8; ++i) {
    clock_.Advance(3 * kHour);
    if (!store_->Authenticate(busy).ok()) {
      EXPECT_GE(i * 3 + 3, 7 * 24);  // ends at the absolute limit, never before
      return;
    }
  }
  FAIL() << "a session outlived its absolute expiry";
}

TEST_F(SessionsTest, DisablingAUserOrChangingThePasswordEndsEverySession) {
  const std::string a = store_->Create(user_.id, "").value();
  const std::string b = store_->Create(user_.id, "").value();
  UserChange disable;
  disable.active = false;
  ASSERT_TRUE(UpdateUser(*connection_, user_.id, disable, clock_.Now()).ok());
  EXPECT_FALSE(store_->Authenticate(a).ok());
  EXPECT_FALSE(store_->Authenticate(b).ok());
  // A disabled user cannot start a session that works either.
  const std::string c = store_->Create(user_.id, "").value();
  EXPECT_FALSE(store_->Authenticate(c).ok());

  UserChange enable;
  enable.active = true;
  ASSERT_TRUE(UpdateUser(*connection_, user_.id, enable, clock_.Now()).ok());
  const std::string d = store_->Create(user_.id, "").value();
  ASSERT_TRUE(store_->Authenticate(d).ok());
  ASSERT_TRUE(SetPasswordHash(*connection_, user_.id, "$argon2id$x", clock_.Now()).ok());
  EXPECT_FALSE(store_->Authenticate(d).ok());
}

TEST_F(SessionsTest, MalformedTokensAreRefused) {
  for (const std::string& token :
       std::vector<std::string>{"", "x", std::string(64, 'g'), std::string(63, 'a'), std::string(65, 'a')}) {
    EXPECT_EQ(store_->Authenticate(token).error().code, ErrorCode::kUnauthenticated) << token;
  }
}

TEST_F(SessionsTest, CookieAttributes) {
  EXPECT_EQ(store_->CookieFor("abc"), "ks_session=abc; Path=/; HttpOnly; SameSite=Lax; Max-Age=604800");
  SessionStore secure(*pool_, clock_, SessionConfig{.secure_cookie = true});
  EXPECT_NE(secure.CookieFor("abc").find("; Secure"), std::string::npos);
  EXPECT_NE(secure.ExpiredCookie().find("Max-Age=0"), std::string::npos);
}

TEST_F(SessionsTest, InvitationTokensAreSingleUseAndExpire) {
  const NewUserToken invite = NewToken(user_.id, TokenPurpose::kInvite, clock_.Now());
  ASSERT_TRUE(connection_->Exec(invite.statement.sql, invite.statement.params).ok());
  EXPECT_EQ(invite.token.size(), 64u);
  EXPECT_TRUE(PeekToken(*connection_, invite.token, TokenPurpose::kInvite, clock_.Now()).ok());
  EXPECT_FALSE(PeekToken(*connection_, invite.token, TokenPurpose::kReset, clock_.Now()).ok());  // wrong purpose
  EXPECT_FALSE(PeekToken(*connection_, invite.token, TokenPurpose::kInvite, clock_.Now() + kInviteLifetime).ok());
  ASSERT_TRUE(connection_->Transact(UseTokenStatements(user_.id, TokenPurpose::kInvite, clock_.Now())).ok());
  auto used = PeekToken(*connection_, invite.token, TokenPurpose::kInvite, clock_.Now());
  ASSERT_FALSE(used.ok());
  EXPECT_NE(used.error().message.find("not valid"), std::string::npos);
}

TEST_F(SessionsTest, UserValidation) {
  struct Case {
    NewUser user;
    std::string field;
  } cases[] = {
      {{"not-an-address", "X", "nl", "", Role::kEmployee}, "email"},
      {{"a@b", "X", "nl", "", Role::kEmployee}, "email"},
      {{"x@example.nl", "  ", "nl", "", Role::kEmployee}, "name"},
      {{"x@example.nl", "X", "fr", "", Role::kEmployee}, "language"},
      {{"x@example.nl", "X", "nl", "no-such-unit", Role::kEmployee}, "unit"},
  };
  for (const auto& c : cases) {
    auto created = CreateUser(*connection_, c.user, clock_.Now());
    ASSERT_FALSE(created.ok()) << c.user.email;
    EXPECT_EQ(created.error().field, c.field);
  }
  auto duplicate = CreateUser(*connection_, {"JAN@example.nl", "Other", "en", "", Role::kAdmin}, clock_.Now());
  ASSERT_FALSE(duplicate.ok());
  EXPECT_EQ(duplicate.error().code, ErrorCode::kConflict);
  EXPECT_EQ(ParseRole("boss").error().field, "role");
}

}  // namespace
}  // namespace ks
