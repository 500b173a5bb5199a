#include "customers/unit_directory.h"

namespace ks {

Result<bool> UnitDirectory::Exists(const std::string& code) {
  {
    std::lock_guard lock(mutex_);
    if (known_.contains(code)) return true;
  }
  KS_ASSIGN_OR_RETURN(auto connection, pool_.Acquire());
  KS_ASSIGN_OR_RETURN(db::Rows rows, connection->Query("SELECT 1 FROM units WHERE code = $1", {code}));
  if (rows.empty()) return false;
  Remember(code);
  return true;
}

void UnitDirectory::Remember(const std::string& code) {
  std::lock_guard lock(mutex_);
  known_.insert(code);
}

}  // namespace ks
