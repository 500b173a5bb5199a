#include "customers/unit_pages.h"

#include <functional>
#include <map>
#include <nlohmann/json.hpp>

#include "accounts/audit_log.h"
#include "customers/customer_store.h"
#include "web/forms.h"

namespace ks {
namespace {

class UnitPages {
 public:
  UnitPages(WebAuth& auth, UnitDirectory& units, const Clock& clock) : auth_(auth), units_(units), clock_(clock) {}

  http::Response List(WebRequest& r, const std::string& error, int status) {
    auto c = auth_.pool().Acquire();
    auto units = c.ok() ? ListUnits(**c) : Result<std::vector<Unit>>(c.error());
    if (!units.ok()) {
      return auth_.Unavailable(r);
    }
    // Depth-first, children under their parent, each level by name.
    std::map<std::string, std::vector<const Unit*>> children;
    for (const auto& u : *units) children[u.parent].push_back(&u);
    for (auto& [parent, list] : children) {
      std::sort(list.begin(), list.end(), [](const Unit* a, const Unit* b) { return a->name < b->name; });
    }
    mstch::array rows, parents;
    std::function<void(const std::string&, int)> add = [&](const std::string& parent, int depth) {
      for (const Unit* u : children[parent]) {
        rows.push_back(mstch::map{{"code", u->code},
                                  {"name", u->name},
                                  {"indent", std::string(static_cast<size_t>(depth) * 2, ' ') + (depth ? "└ " : "")},
                                  {"kind", r.T("unit_kind_" + u->kind)},
                                  {"manager", u->manager}});
        parents.push_back(mstch::map{{"value", u->code}, {"label", u->name}});
        add(u->code, depth + 1);
      }
    };
    add("", 0);
    mstch::array kinds;
    for (const char* kind : {"team", "location", "brand", "region"}) {
      kinds.push_back(mstch::map{{"value", std::string(kind)}, {"label", r.T(std::string("unit_kind_") + kind)}});
    }
    return auth_.Render(
        r, r.T("nav_units"), "admin_units",
        {{"units", rows},
         {"parents", parents},
         {"kinds", kinds},
         {"message", r.http.Query("added") ? r.messages.Format("unit_added", {*r.http.Query("added")}) : std::string()},
         {"error", error},
         {"has_error", !error.empty()},
         {"form_code", web::FormValue(r.form, "code")},
         {"form_name", web::FormValue(r.form, "name")}},
        status);
  }

  http::Response Add(WebRequest& r) {
    // The same validation as POST /api/v1/units.
    nlohmann::json body = {{"code", web::FormValue(r.form, "code")},
                           {"name", web::FormValue(r.form, "name")},
                           {"kind", web::FormValue(r.form, "kind")}};
    if (const std::string parent = web::FormValue(r.form, "parent"); !parent.empty()) body["parent"] = parent;
    if (const std::string manager = web::FormValue(r.form, "manager"); !manager.empty()) body["manager"] = manager;
    auto unit = ParseUnitJson(body);
    if (!unit.ok()) return List(r, r.T("field_" + unit.error().field) + ": " + unit.error().message, 400);
    if (!unit->parent.empty()) {
      auto exists = units_.Exists(unit->parent);
      if (!exists.ok() || !*exists) return List(r, r.T("field_parent") + ": " + r.T("unknown_unit"), 400);
    }
    auto c = auth_.pool().Acquire();
    if (!c.ok()) return List(r, r.T("database_unavailable"), 503);
    const Micros now = clock_.Now();
    auto written = (*c)->Transact(
        {InsertUnitStatement(*unit, now),
         AuditStatement({0, now, r.session->user.email, "unit.created", unit->code, unit->name, r.http.remote_ip})});
    if (!written.ok()) return List(r, written.error().message, 503);
    if ((*written)[0].empty()) return List(r, r.messages.Format("unit_exists", {unit->code}), 409);
    units_.Remember(unit->code);
    return web::Redirect(r.http, "/admin/units?added=" + web::UrlEncode(unit->code));
  }

 private:
  WebAuth& auth_;
  UnitDirectory& units_;
  const Clock& clock_;
};

}  // namespace

void AddUnitPages(http::Router& router, WebAuth& auth, UnitDirectory& units, const Clock& clock) {
  auto pages = std::make_shared<UnitPages>(auth, units, clock);
  router.Add("GET", "/admin/units",
             auth.Page([pages](WebRequest& r) { return pages->List(r, "", 200); }, Action::kManageUnits));
  router.Add("POST", "/admin/units", auth.Page([pages](WebRequest& r) { return pages->Add(r); }, Action::kManageUnits));
}

}  // namespace ks
