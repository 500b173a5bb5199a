#include "accounts/api_keys.h"

#include <gtest/gtest.h>

#include "accounts/sqlite_fixture_test.h"

namespace ks {
namespace {

using ApiKeysTest = SqliteFixture;

TEST_F(ApiKeysTest, CreatedKeyAuthenticatesWithItsScopes) {
  auto created = CreateApiKey(*connection_, "webshop", {"feedback:write"}, clock_.Now());
  ASSERT_TRUE(created.ok());
  ApiKeyAuthenticator auth(*pool_, clock_);
  auto key = auth.Authenticate("Bearer " + created->secret);
  ASSERT_TRUE(key.ok()) << key.error().message;
  EXPECT_TRUE(key->Allows("feedback:write"));
  EXPECT_FALSE(key->Allows("feedback:read"));
}

TEST_F(ApiKeysTest, RejectsMissingMalformedAndWrongKeys) {
  auto created = CreateApiKey(*connection_, "crm", {"admin"}, clock_.Now());
  ASSERT_TRUE(created.ok());
  ApiKeyAuthenticator auth(*pool_, clock_);
  const std::string wrong_secret = "ks_" + created->key.prefix + "_" + std::string(48, '0');
  for (const std::string& header : {std::string(), std::string("Basic abc"), std::string("Bearer nonsense"),
                                    std::string("Bearer ks_unknown_secret"), "Bearer " + wrong_secret}) {
    auto key = auth.Authenticate(header);
    ASSERT_FALSE(key.ok()) << header;
    EXPECT_EQ(key.error().code, ErrorCode::kUnauthenticated) << header;
  }
  EXPECT_TRUE(auth.Authenticate("Bearer " + created->secret).ok());
}

TEST_F(ApiKeysTest, RevokedKeyStopsWorkingWhenTheCacheExpires) {
  auto created = CreateApiKey(*connection_, "old import", {"feedback:write"}, clock_.Now());
  ApiKeyAuthenticator auth(*pool_, clock_, 5 * kMicrosPerSecond);
  ASSERT_TRUE(auth.Authenticate("Bearer " + created->secret).ok());
  ASSERT_TRUE(RevokeApiKey(*connection_, created->key.prefix, clock_.Now()).ok());
  clock_.Advance(6 * kMicrosPerSecond);
  EXPECT_FALSE(auth.Authenticate("Bearer " + created->secret).ok());
  auto keys = ListApiKeys(*connection_);
  ASSERT_EQ(keys->size(), 1u);
  EXPECT_TRUE(keys->at(0).revoked_at.has_value());
  EXPECT_FALSE(RevokeApiKey(*connection_, "nosuchkey", clock_.Now()).ok());
}

TEST(ParseScopesTest, KnownScopesOnly) {
  EXPECT_EQ(*ParseScopes("feedback:write, feedback:read"),
            (std::vector<std::string>{"feedback:write", "feedback:read"}));
  EXPECT_FALSE(ParseScopes("").ok());
  EXPECT_EQ(ParseScopes("feedback:delete").error().field, "scopes");
}

}  // namespace
}  // namespace ks
