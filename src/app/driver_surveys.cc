#include "app/driver_surveys.h"

#include "surveys/survey_store.h"

namespace ks {

analytics::DriverSurveys MakeDriverSurveys(db::ConnectionPool& pool) {
  return [&pool](const std::string& language) -> Result<std::vector<analytics::DriverSurvey>> {
    KS_ASSIGN_OR_RETURN(auto c, pool.Acquire());
    KS_ASSIGN_OR_RETURN(std::vector<surveys::Survey> all, surveys::ListSurveys(*c));
    std::vector<analytics::DriverSurvey> out;
    for (const auto& s : all) {
      if (s.definition.drivers.empty()) continue;
      analytics::DriverSurvey d{s.id, s.slug, s.name, {}, {}};
      for (const auto& driver : s.definition.drivers) {
        d.drivers.push_back({driver.key, driver.max});
        d.labels[driver.key] = surveys::TextIn(driver.label, language, s.definition.default_language);
      }
      out.push_back(std::move(d));
    }
    return out;
  };
}

}  // namespace ks
