// /admin/topics: the organisation's topic taxonomy — edit it, try it on a text, and re-analyse stored
// feedback with it (with progress). Admins only (Action::kManageSettings).
#pragma once

#include <vector>

#include "accounts/web_auth.h"
#include "base/embedded_file.h"
#include "http/router.h"
#include "text/analyzer.h"
#include "topics/reanalysis.h"

namespace ks::topics {

// The page's templates (topics/templates).
const std::vector<EmbeddedFile>& EmbeddedTopicTemplates();

void AddTopicPages(http::Router& router, WebAuth& auth, text::TextAnalyzer& analyzer, Reanalyser& reanalyser,
                   const Clock& clock);

}  // namespace ks::topics
