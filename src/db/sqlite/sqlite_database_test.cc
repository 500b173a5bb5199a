// Tests of what only the SQLite driver does: parameter rewriting and the durability settings of every
// connection. Everything both engines share is in ../storage_suite_test.cc.
#include "db/sqlite/sqlite_database.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <string>
#include <vector>

namespace ks::db {
namespace {

TEST(RewriteParametersForSqlite, RewritesDollarParametersOutsideQuotes) {
  struct Case {
    std::string in;
    std::string out;
  };
  const std::vector<Case> cases = {
      {"", ""},
      {"SELECT 1", "SELECT 1"},
      {"SELECT $1", "SELECT ?1"},
      {"VALUES ($1, $2, $12)", "VALUES (?1, ?2, ?12)"},
      {"SELECT $1,$2", "SELECT ?1,?2"},
      {"WHERE a = '$1' AND b = $1", "WHERE a = '$1' AND b = ?1"},
      {"SELECT \"col$1\", $2", "SELECT \"col$1\", ?2"},
      {"SELECT 'it''s $1', $2", "SELECT 'it''s $1', ?2"},
      {"SELECT '\"', $1, '\"$2'", "SELECT '\"', ?1, '\"$2'"},
      {"SELECT \"a'b\", $3", "SELECT \"a'b\", ?3"},
      {"SELECT $ AS dollar, $a, 'x$'", "SELECT $ AS dollar, $a, 'x$'"},
      {"SELECT $1", "SELECT ?1"},
      {"SELECT 'unterminated $1", "SELECT 'unterminated $1"},
      {"SELECT $1$2", "SELECT ?1?2"},
      {"SELECT 'Zoë $1' || $1", "SELECT 'Zoë $1' || ?1"},
  };
  for (const Case& c : cases) EXPECT_EQ(RewriteParametersForSqlite(c.in), c.out) << "input: " << c.in;
}

// Every connection, not only the first, must commit durably (DESIGN §2: a 2xx only after the data is
// on disk) and let readers run beside the writer.
TEST(SqliteDatabase, EveryConnectionUsesWalAndFullSynchronousAndForeignKeys) {
  std::string folder = (std::filesystem::temp_directory_path() / "klantstem-sqlite-test-XXXXXX").string();
  ASSERT_NE(mkdtemp(folder.data()), nullptr);
  {
    auto db = OpenSqliteDatabase(folder + "/nested/folder/test.db");
    ASSERT_TRUE(db.ok()) << db.error().message;
    EXPECT_EQ((*db)->engine(), Engine::kSqlite);
    EXPECT_EQ((*db)->Describe(), "sqlite:" + folder + "/nested/folder/test.db");
    for (int i = 0; i < 2; ++i) {
      auto c = (*db)->Connect();
      ASSERT_TRUE(c.ok()) << c.error().message;
      auto journal = (*c)->Query("PRAGMA journal_mode");
      ASSERT_TRUE(journal.ok()) << journal.error().message;
      EXPECT_EQ(AsText(journal->rows[0][0]), "wal");
      auto synchronous = (*c)->Query("PRAGMA synchronous");
      ASSERT_TRUE(synchronous.ok()) << synchronous.error().message;
      EXPECT_EQ(AsInt(synchronous->rows[0][0]), 2) << "2 is FULL";
      auto foreign_keys = (*c)->Query("PRAGMA foreign_keys");
      ASSERT_TRUE(foreign_keys.ok()) << foreign_keys.error().message;
      EXPECT_EQ(AsInt(foreign_keys->rows[0][0]), 1);
    }
  }
  std::filesystem::remove_all(folder);
}

TEST(SqliteDatabase, AnEmptyPathIsInvalid) {
  auto db = OpenSqliteDatabase("");
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.error().code, ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace ks::db
