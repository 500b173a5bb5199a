#include "demo/demo_cases.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "cases/case_service.h"
#include "cases/case_store.h"
#include "cases/rule_runner.h"
#include "customers/customer_store.h"
#include "demo/demo_generator.h"
#include "demo/demo_loader.h"
#include "demo/demo_random.h"
#include "feedback/feedback_store.h"

namespace ks::demo {
namespace {

using cases::CaseAction;
using cases::CaseState;
using cases::Priority;
using db::Value;

constexpr std::uint64_t kCasesStream = 91;
constexpr Micros kMinute = Micros{60} * kMicrosPerSecond;
constexpr Micros kHour = 60 * kMinute;
constexpr int kPageSize = 1000;
constexpr size_t kMaxThreads = 4;  // for evaluating the rules

// A unit's pace: the share of the SLA's working time its first contacts take on average (a case takes
// between none and twice that). Above 0.5 a unit misses the SLA visibly often.
constexpr double kPaces[] = {0.12, 0.2, 0.3, 0.45, 0.65, 0.9};
// The turnaround unit's pace before and after its new manager came (TurnaroundStart).
constexpr double kPaceBefore = 0.9, kPaceAfter = 0.15;
constexpr double kForgotten = 0.06;  // cases that lie forgotten for a while: their first contact is late
constexpr double kVoicemail = 0.15;  // the first call reached the voicemail
constexpr double kEmail = 0.2;       // the customer was answered by e-mail instead of called

// The root cause of a case whose item's text is about a topic (the first one found decides).
constexpr std::pair<std::string_view, std::string_view> kCauseOfTopic[] = {{"delivery", "delivery"},
                                                                           {"waiting_time", "service"},
                                                                           {"price", "price"},
                                                                           {"staff", "staff"},
                                                                           {"expertise", "staff"},
                                                                           {"product_quality", "product"},
                                                                           {"communication", "communication"},
                                                                           {"website_app", "process"},
                                                                           {"billing", "billing"},
                                                                           {"returns_complaints", "process"},
                                                                           {"ambience", "service"},
                                                                           {"location", "service"}};

// What was done, per root cause (in kRootCauses order).
constexpr std::string_view kResolutions[][2] = {
    {"Defect toestel kosteloos vervangen.", "Reparatie onder garantie geregeld en ophalen ingepland."},
    {"Excuses gemaakt en een tegoedbon van 15 euro gegeven.", "Met het team besproken en de klant opnieuw geholpen."},
    {"Nieuwe levering met voorrang ingepland en bezorgkosten terugbetaald.",
     "Vervoerder aangesproken; het pakket is alsnog bezorgd."},
    {"Prijsverschil terugbetaald volgens de laagsteprijsgarantie.",
     "Prijsopbouw uitgelegd en korting op een volgende aankoop gegeven."},
    {"Duidelijke uitleg gegeven en een vaste contactpersoon toegewezen.",
     "Verkeerde informatie rechtgezet en per e-mail bevestigd."},
    {"Gesprek gevoerd met de medewerker; excuses aan de klant gemaakt.",
     "Klant opnieuw geholpen door een ervaren collega."},
    {"Retour alsnog verwerkt en het geld teruggestort.",
     "Werkwijze aangepast zodat dit niet meer gebeurt; klant geïnformeerd."},
    {"Dubbele afschrijving teruggeboekt.", "Factuur gecorrigeerd en opnieuw verstuurd."},
    {"Verwachtingen besproken; de klant begrijpt de werkwijze nu.",
     "Productkeuze opnieuw doorgenomen en omruilen aangeboden."},
    {"Klacht besproken en naar tevredenheid afgehandeld.", "Samen met de klant een oplossing op maat gevonden."},
};
static_assert(std::size(kResolutions) == std::size(cases::kRootCauses));
// Without contact there is nobody to solve it with: the cause is taken away.
constexpr std::string_view kInternalResolution = "Oorzaak intern uitgezocht en opgelost; de klant wilde geen contact.";

constexpr std::string_view kCallSummaries[] = {
    "Klant gesproken en excuses aangeboden.",
    "Klant teruggebeld; het verhaal aangehoord en een oplossing toegezegd.",
    "Uitgebreid gesproken; de klant waardeert dat we terugbellen.",
    "Klant gesproken; samen de volgende stappen afgesproken.",
};
constexpr std::string_view kVoicemailSummary = "Voicemail ingesproken met het verzoek terug te bellen.";

struct MailText {
  std::string_view language, subject, body;  // body: {0} the customer's name, {1} the owner's
};
constexpr MailText kMails[] = {
    {"nl", "Uw reactie aan Stroomlijn",
     "Beste {0},\n\nDank voor uw reactie. Het spijt ons dat het niet ging zoals u mocht verwachten. Ik zoek het voor u "
     "uit en laat u binnen twee werkdagen weten wat we doen.\n\nMet vriendelijke groet,\n{1}"},
    {"en", "Your feedback to Stroomlijn",
     "Dear {0},\n\nThank you for your feedback. We are sorry things did not go as you could expect. I am looking into "
     "it and will let you know within two working days what we will do.\n\nKind regards,\n{1}"},
};

// The unit's code and the codes above it, nearest first.
struct UnitInfo {
  std::string code;
  std::vector<std::string> ancestors;
  double pace = 0.5;
};

struct CustomerInfo {
  std::map<std::string, std::string> attributes;
  bool consents = false;
  std::string name, email, language;
};

// Who owns a case and who works it: the owner, or — for a case in a queue — the coordinator, who sees the
// queues (and the manager of a unit without its own gets the unit's cases, see ResolveOwner).
struct Owner {
  cases::OwnerUser owner;
  std::optional<std::int64_t> worker_id;
  std::string worker_name;
};

struct Event {
  Micros at = 0;
  std::string kind;
  bool by_worker = true;  // else klantstem itself (opened, joined)
  nlohmann::json detail;
};

// A case of the history with its whole life, written once every item has been seen.
struct HistoryCase {
  std::int64_t opening_feedback_id = 0;
  std::optional<std::int64_t> customer_id, unit_id;
  Priority priority = Priority::kNormal;
  std::string rule;
  Owner owner;
  CaseState state = CaseState::kNew;
  Micros opened_at = 0, first_contact_due = 0, resolution_due = 0, resolved_at = 0, closed_at = 0;
  std::optional<Micros> first_contact_at;
  std::string root_cause, resolution, not_contacted_reason;
  std::vector<std::pair<std::int64_t, Micros>> items;  // feedback id, added at
  std::vector<Event> events;
};

Result<std::map<std::int64_t, UnitInfo>> LoadUnits(db::Connection& c, Rng& rng) {
  KS_ASSIGN_OR_RETURN(std::vector<Unit> units, ListUnits(c));
  std::map<std::string, const Unit*> by_code;
  for (const Unit& u : units) by_code[u.code] = &u;
  std::map<std::int64_t, UnitInfo> out;
  for (const Unit& u : units) {  // by code: the same paces on every engine
    UnitInfo& info = out[u.id];
    info.code = u.code;
    // The depth bound guards against a cycle in the stored tree.
    for (auto up = by_code.find(u.parent); up != by_code.end() && info.ancestors.size() < 50;
         up = by_code.find(up->second->parent)) {
      info.ancestors.push_back(up->first);
    }
    info.pace = kPaces[rng.Below(std::size(kPaces))];
  }
  return out;
}

Result<std::map<std::int64_t, CustomerInfo>> LoadCustomers(db::Connection& c) {
  std::map<std::int64_t, CustomerInfo> out;
  std::int64_t after = 0;
  while (true) {
    KS_ASSIGN_OR_RETURN(std::vector<Customer> page, ListCustomers(c, after, kPageSize));
    for (Customer& customer : page) {
      out[customer.id] = {std::move(customer.attributes), customer.consent_contact, customer.name.value_or(""),
                          customer.email.value_or(""), customer.language.value_or("nl")};
    }
    if (page.size() < static_cast<size_t>(kPageSize)) return out;
    after = page.back().id;
  }
}

// The stored items received in [from, to), oldest first.
Result<std::vector<FeedbackItem>> LoadItems(db::Connection& c, Micros from, Micros to) {
  FeedbackFilter filter;
  filter.from = from;
  filter.to = to;
  std::vector<FeedbackItem> out;
  std::string cursor;
  do {
    KS_ASSIGN_OR_RETURN(FeedbackPage page, ListFeedback(c, filter, cursor, kPageSize));
    std::move(page.items.begin(), page.items.end(), std::back_inserter(out));
    cursor = page.next_cursor;
  } while (!cursor.empty());
  std::reverse(out.begin(), out.end());
  return out;
}

Result<std::set<std::int64_t>> ItemsInCases(db::Connection& c) {
  KS_ASSIGN_OR_RETURN(db::Rows rows, c.Query("SELECT feedback_id FROM case_items"));
  std::set<std::int64_t> out;
  for (const auto& r : rows.rows) out.insert(db::AsInt(r[0]));
  return out;
}

// Working time of `share` of `hours` working hours, at least a few minutes.
Micros ShareOf(double share, int hours) {
  return std::max<Micros>(5 * kMinute, static_cast<Micros>(share * static_cast<double>(hours) * kHour));
}

// Between 0 and 2, most often near 1.
double Spread(Rng& rng) { return rng.Uniform() + rng.Uniform(); }

std::string_view RootCause(Rng& rng, const FeedbackItem& item) {
  if (item.analysis) {
    for (const auto& topic : item.analysis->topics) {
      for (const auto& [key, cause] : kCauseOfTopic) {
        if (topic.key == key && rng.Chance(0.8)) return cause;
      }
    }
  }
  return rng.Pick(cases::kRootCauses);
}

std::string_view ResolutionOf(Rng& rng, std::string_view cause) {
  const auto it = std::find(std::begin(cases::kRootCauses), std::end(cases::kRootCauses), cause);
  return kResolutions[it - std::begin(cases::kRootCauses)][rng.Below(2)];
}

template <typename T>
const T* Find(const std::map<std::int64_t, T>& map, const std::optional<std::int64_t>& id) {
  const auto it = id ? map.find(*id) : map.end();
  return it != map.end() ? &it->second : nullptr;
}

// What the rules call for, per item (each lent to the rules and taken back), evaluated on a few threads:
// the rules are the slow part of the history.
std::vector<std::optional<cases::CaseDecision>> Decide(const cases::RuleSet& rules,
                                                       const std::map<std::int64_t, UnitInfo>& units,
                                                       const std::map<std::int64_t, CustomerInfo>& customers,
                                                       std::vector<FeedbackItem>& items) {
  std::vector<std::optional<cases::CaseDecision>> out(items.size());
  const auto run = [&](size_t begin, size_t end) {
    for (size_t i = begin; i < end; ++i) {
      FeedbackItem& item = items[i];
      const UnitInfo* unit = Find(units, item.unit_id);
      const CustomerInfo* customer = Find(customers, item.customer_id);
      cases::RuleInput input{std::move(item.input), std::move(item.analysis),
                             customer ? customer->attributes : std::map<std::string, std::string>{},
                             unit ? unit->ancestors : std::vector<std::string>{}};
      out[i] = cases::Evaluate(rules, input);
      item.input = std::move(input.feedback);
      item.analysis = std::move(input.analysis);
    }
  };
  const size_t threads = std::clamp<size_t>(std::thread::hardware_concurrency(), 1, kMaxThreads);
  const size_t per_thread = (items.size() + threads - 1) / threads;
  std::vector<std::thread> workers;
  for (size_t t = 1; t < threads; ++t) {
    workers.emplace_back(run, std::min(items.size(), t * per_thread), std::min(items.size(), (t + 1) * per_thread));
  }
  run(0, std::min(items.size(), per_thread));
  for (std::thread& w : workers) w.join();
  return out;
}

class History {
 public:
  History(const cases::StoredRules& rules, std::uint64_t seed, Micros now)
      : rules_(rules), rng_(seed, kCasesStream), now_(now) {}

  Rng& rng() { return rng_; }
  std::vector<HistoryCase>& cases() { return cases_; }
  size_t joined() const { return joined_; }

  // The case `item` joins or opens under `decision`.
  Result<void> Add(const FeedbackItem& item, const cases::CaseDecision& decision, const UnitInfo* unit,
                   const CustomerInfo* customer, const Owner& owner) {
    const Micros at = item.input.received_at + rng_.Between(2, 12) * kMinute + rng_.Between(0, 59) * kMicrosPerSecond;
    if (item.customer_id) {
      auto open = open_by_customer_.find(*item.customer_id);
      if (open != open_by_customer_.end()) {
        HistoryCase& k = cases_[open->second];
        if (at < k.closed_at && cases::ShouldJoin(rules_.rules.join, k.opened_at, item.input.received_at)) {
          Join(k, item, decision, at);
          return Ok();
        }
      }
      open_by_customer_[*item.customer_id] = cases_.size();
    }
    cases_.emplace_back();
    return Work(cases_.back(), item, decision, unit, customer, owner, at);
  }

 private:
  // As the runner joins: the item, its entry, and a more urgent item pulls the deadlines in.
  void Join(HistoryCase& k, const FeedbackItem& item, const cases::CaseDecision& decision, Micros at) {
    k.items.emplace_back(item.id, at);
    k.events.push_back({at, "joined", false, {{"feedback_id", item.id}, {"rules", decision.matched_rules}}});
    if (decision.priority < k.priority) {
      k.priority = decision.priority;
      k.first_contact_due =
          std::min(k.first_contact_due, cases::Deadline(rules_.calendar, at, decision.sla.first_contact));
      k.resolution_due = std::min(k.resolution_due, cases::Deadline(rules_.calendar, at, decision.sla.resolution));
    }
    ++joined_;
  }

  // Takes the case from `k.state` by `action` and records the step as the case service does.
  Result<void> Step(HistoryCase& k, Micros at, std::string_view kind, CaseAction action,
                    const cases::ActionDetails& details, nlohmann::json detail) {
    KS_ASSIGN_OR_RETURN(CaseState next, cases::Transition(k.state, action, details));
    if (next != k.state) {
      detail["from_state"] = cases::CaseStateName(k.state);
      detail["to_state"] = cases::CaseStateName(next);
    }
    k.state = next;
    k.events.push_back({at, std::string(kind), true, std::move(detail)});
    return Ok();
  }

  // The first contact: a call answered (sometimes after a voicemail) or an e-mail.
  Result<void> Contact(HistoryCase& k, const CustomerInfo& customer, Micros wait) {
    const Micros at = cases::AddWorkingTime(rules_.calendar, k.opened_at, wait);
    const std::string_view call = cases::StepKindName(cases::CaseStep::Kind::kCall);
    if (!customer.email.empty() && rng_.Chance(kEmail)) {
      const MailText& mail = customer.language == "en" ? kMails[1] : kMails[0];
      const std::string name =
          customer.name.empty() ? std::string(customer.language == "en" ? "customer" : "klant") : customer.name;
      nlohmann::json detail = {{"to", customer.email},
                               {"subject", mail.subject},
                               {"text", fmt::format(fmt::runtime(mail.body), name, k.owner.worker_name)},
                               {"language", customer.language}};
      KS_RETURN_IF_ERROR(Step(k, at, cases::StepKindName(cases::CaseStep::Kind::kEmail), CaseAction::kRecordContact, {},
                              std::move(detail)));
    } else {
      if (rng_.Chance(kVoicemail)) {
        const Micros tried = cases::AddWorkingTime(rules_.calendar, k.opened_at, wait / 3);
        k.events.push_back(
            {tried,
             std::string(call),
             true,
             {{"outcome", cases::CallOutcomeName(cases::CallOutcome::kVoicemail)}, {"text", kVoicemailSummary}}});
      }
      KS_RETURN_IF_ERROR(Step(
          k, at, call, CaseAction::kRecordContact, {},
          {{"outcome", cases::CallOutcomeName(cases::CallOutcome::kReached)}, {"text", rng_.Pick(kCallSummaries)}}));
    }
    k.first_contact_at = at;
    return Ok();
  }

  Result<void> Work(HistoryCase& k, const FeedbackItem& item, const cases::CaseDecision& decision, const UnitInfo* unit,
                    const CustomerInfo* customer, const Owner& owner, Micros at) {
    k.opening_feedback_id = item.id;
    k.customer_id = item.customer_id;
    k.unit_id = item.unit_id;
    k.priority = decision.priority;
    k.rule = decision.matched_rules.front();
    k.owner = owner;
    k.opened_at = at;
    k.first_contact_due = cases::Deadline(rules_.calendar, at, decision.sla.first_contact);
    k.resolution_due = cases::Deadline(rules_.calendar, at, decision.sla.resolution);
    k.items.emplace_back(item.id, at);
    k.events.push_back({at,
                        "opened",
                        false,
                        {{"feedback_id", item.id},
                         {"rules", decision.matched_rules},
                         {"priority", cases::PriorityName(decision.priority)},
                         {"owner", owner.owner.user_id ? owner.owner.name : owner.owner.queue}}});

    double pace = unit ? unit->pace : kPaces[std::size(kPaces) / 2];
    if (unit && unit->code == kTurnaroundUnit) pace = at < TurnaroundStart(now_) ? kPaceBefore : kPaceAfter;
    const bool contact = customer && customer->consents;
    Micros worked = at;  // when the owner last did something
    if (contact) {
      const double forgotten = rng_.Chance(kForgotten) ? 2.5 : 1.0;
      KS_RETURN_IF_ERROR(Contact(k, *customer, ShareOf(pace * Spread(rng_) * forgotten, decision.sla.first_contact)));
      worked = *k.first_contact_at;
    } else {
      k.not_contacted_reason = "no consent";
    }
    const Micros started = cases::AddWorkingTime(rules_.calendar, worked, rng_.Between(5, 90) * kMinute);
    KS_RETURN_IF_ERROR(Step(k, started, cases::StepKindName(cases::CaseStep::Kind::kStartWork), CaseAction::kStartWork,
                            {}, nlohmann::json::object()));
    const std::string cause(RootCause(rng_, item));
    const std::string resolution(contact ? ResolutionOf(rng_, cause) : kInternalResolution);
    k.resolved_at =
        cases::AddWorkingTime(rules_.calendar, started, ShareOf(pace * Spread(rng_) * 0.4, decision.sla.resolution));
    cases::ActionDetails details{resolution, cause, !contact, contact};
    KS_RETURN_IF_ERROR(Step(k, k.resolved_at, cases::StepKindName(cases::CaseStep::Kind::kResolve),
                            CaseAction::kResolve, details, {{"resolution", resolution}}));
    k.closed_at = cases::AddWorkingTime(rules_.calendar, k.resolved_at, rng_.Between(5, 240) * kMinute);
    nlohmann::json closing = {{"resolution", resolution}, {"root_cause", cause}};
    if (!contact) closing["not_contacted"] = k.not_contacted_reason;
    KS_RETURN_IF_ERROR(Step(k, k.closed_at, cases::StepKindName(cases::CaseStep::Kind::kClose), CaseAction::kClose,
                            details, std::move(closing)));
    k.root_cause = cause;
    k.resolution = resolution;
    Squeeze(k);
    return Ok();
  }

  // A case of the last weeks that would close after `now`: its steps are brought closer together, in
  // the same order, so that it closed an hour before `now`.
  void Squeeze(HistoryCase& k) const {
    const Micros limit = now_ - kHour;
    if (k.closed_at <= limit) return;
    const double factor = static_cast<double>(limit - k.opened_at) / static_cast<double>(k.closed_at - k.opened_at);
    const auto squeeze = [&](Micros t) {
      return k.opened_at + static_cast<Micros>(static_cast<double>(t - k.opened_at) * factor);
    };
    for (Event& e : k.events) e.at = squeeze(e.at);
    if (k.first_contact_at) k.first_contact_at = squeeze(*k.first_contact_at);
    k.resolved_at = squeeze(k.resolved_at);
    k.closed_at = squeeze(k.closed_at);
  }

  const cases::StoredRules& rules_;
  Rng rng_;
  const Micros now_;
  std::vector<HistoryCase> cases_;
  std::map<std::int64_t, size_t> open_by_customer_;  // the customer's newest case, by index
  size_t joined_ = 0;
};

Value Optional(const std::optional<std::int64_t>& v) { return v ? Value(*v) : Value(nullptr); }

void AppendStatements(const HistoryCase& k, std::vector<db::Statement>& out) {
  out.push_back(
      {"INSERT INTO cases (customer_id, unit_id, state, priority, rule_key, opening_feedback_id, owner_user_id, "
       "owner_queue, opened_at, first_contact_due, resolution_due, first_contact_at, resolved_at, closed_at, "
       "root_cause, resolution, not_contacted_reason, updated_at) "
       "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $14)",
       {Optional(k.customer_id), Optional(k.unit_id), std::string(cases::CaseStateName(k.state)),
        std::string(cases::PriorityName(k.priority)), k.rule, k.opening_feedback_id, Optional(k.owner.owner.user_id),
        k.owner.owner.queue.empty() ? Value(nullptr) : Value(k.owner.owner.queue), k.opened_at, k.first_contact_due,
        k.resolution_due, k.first_contact_at ? Value(*k.first_contact_at) : Value(nullptr), k.resolved_at, k.closed_at,
        k.root_cause, k.resolution, k.not_contacted_reason.empty() ? Value(nullptr) : Value(k.not_contacted_reason)}});
  const std::string ref = fmt::format("(SELECT id FROM cases WHERE opening_feedback_id = {})", k.opening_feedback_id);
  for (const auto& [feedback_id, at] : k.items) {
    out.push_back(
        {"INSERT INTO case_items (feedback_id, case_id, added_at) VALUES ($1, " + ref + ", $2)", {feedback_id, at}});
  }
  std::vector<const Event*> events;
  for (const Event& e : k.events) events.push_back(&e);
  std::stable_sort(events.begin(), events.end(), [](const Event* a, const Event* b) { return a->at < b->at; });
  for (const Event* e : events) {
    out.push_back({"INSERT INTO case_events (case_id, kind, user_id, detail, at) VALUES (" + ref + ", $1, $2, $3, $4)",
                   {e->kind, e->by_worker ? Optional(k.owner.worker_id) : Value(nullptr), e->detail.dump(), e->at}});
  }
}

}  // namespace

Result<DemoCasesSummary> LoadDemoCases(db::Connection& c, std::uint64_t seed, Micros now) {
  KS_ASSIGN_OR_RETURN(const cases::StoredRules rules, cases::LoadCaseRules(c));
  History history(rules, seed, now);
  KS_ASSIGN_OR_RETURN(const auto units, LoadUnits(c, history.rng()));
  KS_ASSIGN_OR_RETURN(const auto customers, LoadCustomers(c));
  KS_ASSIGN_OR_RETURN(const auto in_cases, ItemsInCases(c));
  KS_ASSIGN_OR_RETURN(std::vector<FeedbackItem> items,
                      LoadItems(c, now - kDemoCaseHistory, now - cases::RuleRunnerOptions{}.max_item_age));
  const std::vector<std::optional<cases::CaseDecision>> decisions = Decide(rules.rules, units, customers, items);
  KS_ASSIGN_OR_RETURN(db::Rows coordinators, c.Query("SELECT id, name FROM users WHERE role = 'coordinator' AND "
                                                     "active = 1 ORDER BY id LIMIT 1"));
  std::map<std::pair<std::string, std::int64_t>, Owner> owners;  // by owner spec and unit id
  for (size_t i = 0; i < items.size(); ++i) {
    const auto& decision = decisions[i];
    const FeedbackItem& item = items[i];
    if (!decision || in_cases.contains(item.id)) continue;
    const auto key = std::make_pair(cases::OwnerSpec(decision->owner), item.unit_id.value_or(0));
    auto owner = owners.find(key);
    if (owner == owners.end()) {
      Owner resolved;
      KS_ASSIGN_OR_RETURN(resolved.owner, cases::ResolveOwner(c, decision->owner, item.unit_id));
      resolved.worker_id = resolved.owner.user_id;
      resolved.worker_name = resolved.owner.name;
      if (!resolved.worker_id && !coordinators.empty()) {
        resolved.worker_id = db::AsInt(coordinators.rows[0][0]);
        resolved.worker_name = db::AsText(coordinators.rows[0][1]);
      }
      owner = owners.emplace(key, std::move(resolved)).first;
    }
    KS_RETURN_IF_ERROR(
        history.Add(item, *decision, Find(units, item.unit_id), Find(customers, item.customer_id), owner->second));
  }

  DemoCasesSummary summary;
  summary.joined = history.joined();
  std::vector<db::Statement> statements;
  std::map<std::int64_t, Micros> last_contact;  // per customer
  for (const HistoryCase& k : history.cases()) {
    AppendStatements(k, statements);
    ++summary.cases;
    if (!k.first_contact_at) {
      ++summary.not_contacted;
      continue;
    }
    if (*k.first_contact_at > k.first_contact_due) ++summary.late;
    if (k.customer_id) last_contact[*k.customer_id] = std::max(last_contact[*k.customer_id], *k.first_contact_at);
  }
  // A call or e-mail from a case is contact (quiet customers), as the case service records it.
  for (const auto& [customer_id, at] : last_contact) {
    statements.push_back(
        {"UPDATE customers SET last_contact_at = $1 WHERE id = $2 AND "
         "(last_contact_at IS NULL OR last_contact_at < $1)",
         {at, customer_id}});
  }
  KS_RETURN_IF_ERROR(WriteAll(c, statements));
  return summary;
}

}  // namespace ks::demo
