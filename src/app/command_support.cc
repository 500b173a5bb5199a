#include "app/command_support.h"

#include <iostream>

#include "db/migrations.h"

namespace ks {

int Fail(const Error& e) {
  std::cerr << "klantstem: " << e.ToString() << "\n";
  return 1;
}

Result<std::pair<std::unique_ptr<db::Database>, std::unique_ptr<db::Connection>>> Open(const std::string& url) {
  KS_ASSIGN_OR_RETURN(auto database, db::OpenDatabase(url));
  KS_ASSIGN_OR_RETURN(auto connection, database->Connect());
  KS_ASSIGN_OR_RETURN(auto applied, db::Migrate(*connection));
  for (int v : applied) std::cerr << "applied migration " << v << "\n";
  return std::make_pair(std::move(database), std::move(connection));
}

}  // namespace ks
