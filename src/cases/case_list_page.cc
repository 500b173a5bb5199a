#include <algorithm>

#include "cases/case_page_support.h"
#include "cases/case_pages.h"
#include "cases/case_store.h"
#include "customers/customer_store.h"
#include "web/locale_format.h"
#include "web/page.h"

namespace ks::cases {
namespace {

constexpr int kListPageSize = 50;    // rows of the list view per page
constexpr int kBoardPageSize = 200;  // cards of the board view per page
constexpr int kMaxPageSize = 200;
constexpr int kMaxOffset = 1'000'000;

// The list's query parameters that are kept in the URL (paging adds offset).
constexpr const char* kFilterFields[] = {"status", "state", "priority", "unit", "owner", "overdue", "view", "limit"};
constexpr const char* kStatuses[] = {"open", "closed", "all"};
constexpr CaseState kStates[] = {CaseState::kNew,      CaseState::kContacted, CaseState::kInProgress,
                                 CaseState::kReopened, CaseState::kResolved,  CaseState::kClosed};
// The board's columns for open cases, in the order a case moves through them.
constexpr CaseState kBoardStates[] = {CaseState::kNew, CaseState::kContacted, CaseState::kInProgress,
                                      CaseState::kReopened, CaseState::kResolved};
constexpr Priority kPriorities[] = {Priority::kCritical, Priority::kHigh, Priority::kNormal, Priority::kLow};

mstch::array CountRows(const WebRequest& r, const std::vector<CaseCount>& counts, bool owners) {
  mstch::array rows;
  for (const auto& count : counts) {
    std::string name = count.name;
    if (owners && (name.empty() || name == kUnassignedQueue)) name = QueueLabel(r, name);
    if (!owners && name.empty()) name = r.T("cases_no_unit");
    rows.push_back(mstch::map{{"name", name},
                              {"open", web::FormatInteger(count.open, r.language())},
                              {"overdue", web::FormatInteger(count.overdue, r.language())},
                              {"has_overdue", count.overdue > 0}});
  }
  return rows;
}

// The list's filters as read from the URL.
struct ListQuery {
  CaseFilter filter;
  std::string status = "open", state, priority, unit, owner;
  bool overdue = false;
  bool board = false;
  std::string error;  // what is wrong with the URL's filters, for the page
};

ListQuery ReadListQuery(const WebRequest& r, const std::vector<Unit>& units) {
  ListQuery q;
  const auto refuse = [&](const std::string& field, const std::string& value) {
    if (q.error.empty()) q.error = r.messages.Format("cases_bad_filter", {field, value});
  };
  const std::string view = Param(r.http, "view");
  if (view == "board") {
    q.board = true;
  } else if (!view.empty() && view != "list") {
    refuse("view", view);
  }
  q.filter.limit = q.board ? kBoardPageSize : kListPageSize;
  if (const std::string status = Param(r.http, "status"); !status.empty()) {
    q.status = status;
    if (status == "open") {
      q.filter.status = CaseFilter::Status::kOpen;
    } else if (status == "closed") {
      q.filter.status = CaseFilter::Status::kClosed;
    } else if (status == "all") {
      q.filter.status = CaseFilter::Status::kAll;
    } else {
      refuse("status", status);
      q.status = "open";
    }
  }
  if (q.state = Param(r.http, "state"); !q.state.empty()) {
    if (auto state = ParseCaseState(q.state)) {
      q.filter.state = state;
    } else {
      refuse("state", q.state);
    }
  }
  if (q.priority = Param(r.http, "priority"); !q.priority.empty()) {
    if (auto priority = ParsePriority(q.priority)) {
      q.filter.priority = priority;
    } else {
      refuse("priority", q.priority);
    }
  }
  if (q.unit = Param(r.http, "unit"); !q.unit.empty()) {
    const auto unit = std::find_if(units.begin(), units.end(), [&](const Unit& u) { return u.code == q.unit; });
    if (unit == units.end()) {
      refuse("unit", q.unit);
    } else {
      q.filter.unit_id = unit->id;
    }
  }
  if (q.owner = Param(r.http, "owner"); !q.owner.empty()) {
    if (q.owner == "mine") {
      q.filter.owner_user_id = r.actor.user_id;
    } else {
      refuse("owner", q.owner);
    }
  }
  if (const std::string overdue = Param(r.http, "overdue"); !overdue.empty()) {
    if (overdue == "1") {
      q.overdue = q.filter.overdue_only = true;
    } else {
      refuse("overdue", overdue);
    }
  }
  if (const std::string limit = Param(r.http, "limit"); !limit.empty()) {
    if (auto n = ParseCount(limit, 1, kMaxPageSize)) {
      q.filter.limit = *n;
    } else {
      refuse("limit", limit);
    }
  }
  if (const std::string offset = Param(r.http, "offset"); !offset.empty()) {
    if (auto n = ParseCount(offset, 0, kMaxOffset)) {
      q.filter.offset = *n;
    } else {
      refuse("offset", offset);
    }
  }
  RestrictToVisible(r.actor, q.filter);
  return q;
}

// The current filters as a query string, with `view` replaced when given (for the view tabs and paging).
std::string FilterQuery(const http::Request& request, const std::string& view = "") {
  std::string out;
  for (const char* field : kFilterFields) {
    std::string value = Param(request, field);
    if (std::string_view(field) == "view" && !view.empty()) value = view;
    if (value.empty()) continue;
    out += (out.empty() ? "" : "&") + std::string(field) + "=" + web::UrlEncode(value);
  }
  return out;
}

mstch::array Columns(const WebRequest& r, const ListQuery& q, const std::vector<Case>& cases, Micros now) {
  std::vector<CaseState> states;
  if (q.filter.state) {
    states.push_back(*q.filter.state);
  } else {
    if (q.filter.status != CaseFilter::Status::kClosed) states.assign(std::begin(kBoardStates), std::end(kBoardStates));
    if (q.filter.status != CaseFilter::Status::kOpen) states.push_back(CaseState::kClosed);
  }
  mstch::array columns;
  for (CaseState state : states) {
    mstch::array cards;
    for (const auto& k : cases) {
      if (k.state == state) cards.push_back(CaseRow(r, k, now));
    }
    const std::string name(CaseStateName(state));
    columns.push_back(mstch::map{{"state", name},
                                 {"label", StateLabel(r, state)},
                                 {"count", web::FormatInteger(static_cast<std::int64_t>(cards.size()), r.language())},
                                 {"has_cards", !cards.empty()},
                                 {"cards", cards}});
  }
  return columns;
}

// GET /cases: the list or the board.
class CaseListPage {
 public:
  CaseListPage(WebAuth& auth, const Clock& clock) : auth_(auth), clock_(clock) {}

  http::Response List(WebRequest& r) {
    auto c = auth_.pool().Acquire();
    if (!c.ok()) return auth_.Unavailable(r);
    const Micros now = clock_.Now();
    auto units = ListUnits(**c);
    auto by_unit = OpenCasesByUnit(**c, now);
    auto by_owner = OpenCasesByOwner(**c, now);
    if (!units.ok() || !by_unit.ok() || !by_owner.ok()) return auth_.Unavailable(r);
    ListQuery q = ReadListQuery(r, *units);
    std::vector<Case> cases;
    std::int64_t total = 0;
    if (q.error.empty()) {
      auto listed = ListCases(**c, q.filter, now);
      auto counted = CountCases(**c, q.filter, now);
      if (!listed.ok() || !counted.ok()) return auth_.Unavailable(r);
      cases = std::move(*listed);
      total = *counted;
    }
    mstch::array rows;
    for (const auto& k : cases) rows.push_back(CaseRow(r, k, now));
    const std::int64_t shown_to = q.filter.offset + static_cast<std::int64_t>(cases.size());
    std::string more_href;
    if (shown_to < total) {
      const std::string query = FilterQuery(r.http);
      more_href = "/cases?" + query + (query.empty() ? "" : "&") + "offset=" + std::to_string(shown_to);
    }
    mstch::map body{{"rows", rows}, {"more_href", more_href}, {"htmx_more", !q.board}};
    if (web::IsHtmx(r.http) && q.filter.offset > 0 && !q.board) return auth_.Fragment(r, "cases_rows", body);

    body["has_rows"] = !rows.empty();
    body["error"] = q.error;
    body["has_error"] = !q.error.empty();
    body["total"] = cases.empty()
                        ? r.T("cases_none")
                        : r.messages.Format("cases_shown", {web::FormatInteger(q.filter.offset + 1, r.language()),
                                                            web::FormatInteger(shown_to, r.language()),
                                                            web::FormatInteger(total, r.language())});
    body["by_unit"] = CountRows(r, *by_unit, false);
    body["by_owner"] = CountRows(r, *by_owner, true);
    body["has_counts"] = !by_unit->empty();
    body["employee"] = r.actor.role == Role::kEmployee;
    body["is_board"] = q.board;
    body["is_list"] = !q.board;
    body["view"] = std::string(q.board ? "board" : "list");
    body["list_href"] = "/cases?" + FilterQuery(r.http, "list");
    body["board_href"] = "/cases?" + FilterQuery(r.http, "board");
    body["overdue"] = q.overdue;
    body["mine"] = q.owner == "mine";
    body["statuses"] = Options(
        kStatuses, q.status, [](const char* s) { return std::string(s); },
        [&r](const char* s) { return r.T(std::string("cases_status_") + s); });
    body["states"] = Options(kStates, q.state, CaseStateName, [&r](CaseState s) { return StateLabel(r, s); });
    body["priorities"] =
        Options(kPriorities, q.priority, PriorityName, [&r](Priority p) { return PriorityText(r, p); });
    mstch::array unit_options;
    for (const auto& unit : *units) {
      if (r.actor.role == Role::kManager && !r.actor.InScope(unit.id)) continue;
      unit_options.push_back(mstch::map{{"value", unit.code}, {"label", unit.name}, {"selected", unit.code == q.unit}});
    }
    body["units"] = unit_options;
    if (q.board) body["columns"] = Columns(r, q, cases, now);
    return auth_.Render(r, r.T("cases_title"), "cases", std::move(body), q.error.empty() ? 200 : 400);
  }

 private:
  WebAuth& auth_;
  const Clock& clock_;
};

}  // namespace

void AddCaseListPage(http::Router& router, WebAuth& auth, const Clock& clock) {
  auto page = std::make_shared<CaseListPage>(auth, clock);
  router.Add("GET", "/cases", auth.Page([page](WebRequest& r) { return page->List(r); }));
}

}  // namespace ks::cases
