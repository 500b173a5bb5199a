#include "demo/demo_actions.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/strings.h"
#include "base/time.h"
#include "demo/demo_generator.h"
#include "demo/demo_loader.h"
#include "demo/demo_random.h"

namespace ks::demo {
namespace {

using db::Value;

constexpr std::uint64_t kActionsStream = 93;
constexpr Micros kMinute = Micros{60} * kMicrosPerSecond;
constexpr Micros kHour = 60 * kMinute;
constexpr Micros kDay = 24 * kHour;
constexpr Micros kItemReach = 180 * kDay;  // items of a plan are at most this much older than the history
constexpr double kEmployeeConsents = 0.7;  // employee reports whose customer wants to hear back
constexpr double kTaskForgotten = 0.1;     // colleague tasks never ticked
constexpr size_t kMaxMerges = 8;
constexpr size_t kMaxQueueThemes = 60;

enum class Stage { kProposed, kDecided, kInProgress, kDone };

// One plan of the history. Lists are '|'-separated; `words` are lower case and matched in the item's
// lower-cased text (Dutch and English).
struct PlanSpec {
  std::string_view unit;   // the plan's unit
  std::string_view scope;  // its items come from this unit and those below it; "" for any unit
  std::string_view title, description, words, themes;
  Stage stage;
  std::string_view decision;         // "do", "not_now", "wont"; "" while proposed
  std::string_view reason;           // for customers
  std::string_view earlier_not_now;  // the reason of an earlier "not now" that became "do", or ""
  int created_days_ago;              // ignored when at_turnaround
  bool at_turnaround;                // done as the turnaround unit's new manager came (TurnaroundStart)
  std::string_view notes;            // by the owner while working
  std::string_view done_note;
};

constexpr PlanSpec kPlans[] = {
    {"utrecht-centrum", "utrecht-centrum", "Extra kassa open op zaterdag en koopavond",
     "Op drukke momenten staat er één kassa open en loopt de rij tot achter in de winkel.",
     "één kassa|rij stond|extra kassa|one till|queue went|extra till", "wachttijd|kassa", Stage::kDone, "do",
     "U stond op drukke momenten lang in de rij bij één open kassa. Op zaterdag en koopavond staan er voortaan altijd "
     "minstens drie kassa's open, en bij meer dan vijf wachtenden gaat er meteen een extra kassa open.",
     "", 290, false,
     "Rooster voor zaterdag aangepast: twee extra collega's op de kassa.|Eerste vier zaterdagen gemeten: de "
     "gemiddelde wachttijd ging van negen naar drie minuten.",
     "Vast onderdeel van het rooster; we blijven de wachttijd maandelijks meten."},
    {"utrecht-centrum", "utrecht-centrum", "Vaste vloermanager voor vragen in de winkel",
     "Klanten vinden niemand om hun vraag aan te stellen; medewerkers staan met elkaar te praten.",
     "kletsen|niemand keek|niemand nam de moeite|één medewerker rond|chatting|nobody even looked|nobody bothered|"
     "only one member of staff|weinig van te zien|weren't many of them",
     "personeel", Stage::kInProgress, "do",
     "U vond in de winkel niemand die u kon helpen. Er loopt voortaan op elk moment een vloermanager rond die klanten "
     "aanspreekt en ervoor zorgt dat u snel geholpen wordt.",
     "", 130, false, "Twee vloermanagers geworven; de eerste begint volgende maand.", ""},
    {"den-haag-centrum", "den-haag-centrum", "Langere openingstijden op donderdag",
     "Veel klanten kunnen pas na hun werk komen en treffen dan een volle winkel met weinig personeel.",
     "één medewerker rond|één kassa|rij stond|druk in de winkel|only one member of staff|one till|queue went|"
     "busy in the shop",
     "openingstijden|wachttijd", Stage::kDecided, "do",
     "Veel klanten kunnen alleen na hun werk langskomen en treffen dan een volle winkel. Vanaf volgende maand zijn "
     "we op donderdag open tot 21.00 uur, met de volledige bezetting.",
     "", 40, false, "", ""},
    {"bezorging-nl", "bezorging-nl", "Bericht een half uur voordat de bezorger komt",
     "Klanten wachten een hele dag of missen de bezorger, die niet aanbelt.",
     "tijdvak|hele dag vrij|aangebeld|zonder enig bericht|geen bericht|delivery slot|time slot|day off|"
     "ring the bell|without any notice|a message",
     "bezorging|tijdvak", Stage::kDone, "do",
     "U wachtte soms een hele dag op de bezorging, of de bezorger kwam onaangekondigd. U krijgt voortaan een half "
     "uur van tevoren een bericht, en de bezorger belt altijd aan.",
     "", 250, false, "Berichtendienst gekoppeld aan de planning van de chauffeurs; proef in de regio Utrecht loopt.",
     "Landelijk ingevoerd voor alle bezorgingen."},
    {"bezorging-nl", "bezorging-nl", "Pakketten niet meer onbeheerd bij de voordeur",
     "Pakketten worden buiten in de regen gezet of afgegeven bij onbekende buren.", "regen|buurman|rain|neighbour",
     "bezorging", Stage::kDecided, "do",
     "Pakketten kwamen buiten in de regen of bij onbekende buren terecht. Onze bezorgers laten een pakket voortaan "
     "alleen nog achter met uw toestemming; anders gaat het naar een afhaalpunt bij u in de buurt.",
     "", 30, false, "", ""},
    {"bezorging-be", "bezorging-be", "Schade samen met de klant controleren bij aflevering",
     "Apparaten komen beschadigd aan en bezorgers wachten de controle niet af.",
     "beschadigd|kras|gedeukt|damaged|scratch|dented", "bezorging|schade", Stage::kInProgress, "do",
     "Bij schade aan uw apparaat of uw vloer voelde u zich niet serieus genomen. Onze bezorgers lopen voortaan samen "
     "met u het apparaat na, en schade aan uw woning vergoeden we zonder discussie.",
     "", 150, false, "Controlelijst voor de bezorgers gemaakt.|Training van de eerste twee ploegen gegeven.", ""},
    {"klantenservice", "klantenservice", "Terugbellen binnen één werkdag",
     "Beloofde terugbelafspraken worden niet nagekomen; klanten hangen lang in de wacht.",
     "teruggebeld|in de wacht|verbinding verbroken|hing gewoon op|call back|on hold|line went dead|hung up",
     "klantenservice|wachttijd", Stage::kDone, "do",
     "Een belofte om u terug te bellen werd te vaak niet nagekomen. Elke terugbelafspraak staat nu in ons systeem "
     "met een uiterste termijn van één werkdag, en de teamleider ziet elke ochtend welke nog openstaan.",
     "", 320, false, "Terugbelafspraken zichtbaar gemaakt in het dagoverzicht van het team.",
     "Na zes weken: 96% van de afspraken binnen één werkdag nagekomen."},
    {"klantenservice", "klantenservice", "Factuurgegevens controleren vóór verzending",
     "Zakelijke klanten krijgen facturen met een verkeerd btw-nummer of bedrag.",
     "btw-nummer|verkeerd bedrag|aanmaning|vat number|wrong amount|reminder", "factuur|zakelijk", Stage::kDone, "do",
     "Zakelijke klanten kregen facturen met fouten. Facturen aan bedrijven worden voortaan vóór verzending "
     "automatisch gecontroleerd op btw-nummer en bedragen; bij een afwijking kijkt een collega mee.",
     "", 200, false, "Controle op btw-nummers ingebouwd in het factuursysteem.",
     "Sinds de invoering geen foute btw-nummers meer gemeld."},
    {"klantenservice", "", "Maandelijkse verzamelfactuur voor zakelijke klanten",
     "Zakelijke klanten vragen om één overzichtelijke factuur per maand.",
     "facturen zijn zo|administratie|invoices are so|accounts department", "factuur|zakelijk", Stage::kDecided,
     "not_now",
     "Een goed idee dat we willen uitvoeren, maar eerst vervangen we ons factuursysteem. Daarna, naar verwachting "
     "in het voorjaar, pakken we dit op.",
     "", 90, false, "", ""},
    {"klantenservice", "", "Terugbetaling binnen vijf werkdagen na ontvangst van uw retour",
     "Terugbetalingen duren weken of worden ongevraagd een tegoedbon.",
     "terugbetaling van|tegoedbon|refund of|instead of a refund|store voucher", "retour|terugbetaling",
     Stage::kInProgress, "do",
     "U wachtte weken op uw geld, of kreeg ongevraagd een tegoedbon. U krijgt uw geld voortaan binnen vijf werkdagen "
     "nadat we uw retour hebben ontvangen terug, op de manier waarop u betaalde.",
     "Dit willen we, maar de koppeling met onze bank wordt eerst vernieuwd. We komen hier na de zomer op terug.", 230,
     false, "Nieuwe koppeling met de bank getest; de eerste terugbetalingen lopen via de snelle route.", ""},
    {"stroomlijn", "", "Gratis retourneren per post",
     "Klanten betalen zelf de verzendkosten als ze een product terugsturen.", "verzendkosten|postage", "retour|kosten",
     Stage::kDecided, "wont",
     "Gratis retourneren per post kunnen we niet aanbieden zonder onze prijzen te verhogen. Terugbrengen in een van "
     "onze winkels blijft wel altijd gratis, ook voor online bestellingen.",
     "", 160, false, "", ""},
    {"stroomlijn", "", "Prijsverschil terugbetalen na een prijsdaling",
     "Klanten zien hun product kort na aankoop goedkoper en willen het verschil terug.",
     "week na mijn aankoop|a week after|kreeg niets terug|got nothing back", "prijs", Stage::kDecided, "wont",
     "Onze prijzen veranderen dagelijks. Een prijsdaling na uw aankoop vergoeden we daarom niet, maar binnen 14 "
     "dagen mag u een product altijd kosteloos ruilen of terugbrengen.",
     "", 130, false, "", ""},
    {"webshop", "", "Voorraad op de website gelijk aan de winkel",
     "De website toont voorraad die in de winkel niet te vinden is; reserveringen liggen er niet.",
     "op voorraad stond|gereserveerde|binnenkort leverbaar|said was in stock|was in stock, but|i'd reserved|"
     "coming soon",
     "voorraad|website", Stage::kInProgress, "do",
     "U reed voor niets naar de winkel omdat de website voorraad toonde die er niet was. De website toont voortaan "
     "de voorraad per winkel, elke vijf minuten bijgewerkt, en een reservering wordt pas bevestigd als het product "
     "voor u apart ligt.",
     "", 100, false, "Koppeling met het kassasysteem van de winkels gebouwd; test in Utrecht en Amsterdam.", ""},
    {"webshop", "", "App blijft niet meer hangen bij het afrekenen",
     "De app loopt vast bij het afrekenen en na de laatste update kunnen klanten niet inloggen.",
     "afrekenen|inloggen|winkelmandje|ideal|checkout|log in|basket", "app|website", Stage::kDone, "do",
     "De app liep vast bij het afrekenen en na een update kon u niet meer inloggen. Beide fouten zijn opgelost in een "
     "nieuwe versie van de app; we testen elke nieuwe versie voortaan eerst met een groep klanten.",
     "", 180, false, "Oorzaak gevonden: een time-out bij de betaalprovider.|Nieuwe versie staat klaar voor de test.",
     "Versie 4.2 staat in de app-winkels; sindsdien geen meldingen meer."},
    {"regio-zuid", "regio-zuid", "Toiletten en winkelvloer elk uur gecontroleerd",
     "Vieze toiletten, lege dozen in de gangpaden en rommel op de vloer.",
     "toiletten|geen zeep|no soap|plakkerig|lege dozen|rommel|onder het stof|toilets|dirty|sticky|empty boxes|a mess|"
     "covered in dust",
     "schoonmaak", Stage::kDone, "do",
     "De winkel en de toiletten waren niet schoon genoeg. Er is nu elk uur een schoonmaakronde, met een aftekenlijst "
     "bij de ingang die u zelf kunt inzien.",
     "", 210, false, "Schoonmaakbedrijf ingehuurd voor de drukke dagen.", "Ingevoerd in alle winkels in de regio."},
    {"regio-belgie", "regio-belgie", "Onderdelen voor reparaties op voorraad in de winkel",
     "Voor elke reparatie moeten onderdelen besteld worden, en dat duurt lang.",
     "onderdelen|reparatie onder garantie|spare parts|warranty repair", "reparatie|voorraad", Stage::kDecided,
     "not_now",
     "Dit willen we, maar ons magazijn in België wordt eerst verbouwd. Tot die tijd bestellen we onderdelen met "
     "spoed, zodat een reparatie binnen vijf werkdagen klaar is.",
     "", 75, false, "", ""},
    {"groningen-centrum", "groningen-centrum", "Training klantvriendelijkheid voor het hele winkelteam",
     "Klanten voelen zich onvriendelijk behandeld en niet serieus genomen.",
     "onvriendelijk|afgesnauwd|te lachen|niet serieus|kletsen|alsof ik iets|rude|snapped|laughing|taken seriously|"
     "chatting|stolen something",
     "personeel", Stage::kDone, "do",
     "U voelde zich in onze winkel niet welkom en niet serieus genomen. Het hele team heeft een training "
     "klantvriendelijkheid gevolgd, en de nieuwe winkelmanager bespreekt uw reacties elke week met het team.",
     "", 0, true, "Training ingepland voor alle medewerkers, in twee groepen.", "Alle medewerkers getraind."},
    {"amsterdam-centrum", "amsterdam-centrum", "Eerlijk advies zonder verkoopdruk",
     "Klanten krijgen de duurste apparaten aangepraat en tegenstrijdige antwoorden.",
     "duurste|las alleen de doos|verschillende antwoorden|advies was gewoon fout|handleiding|helemaal niet in mijn|"
     "most expensive|read the box|different answers|advice was just wrong|manual|doesn't fit",
     "advies", Stage::kProposed, "", "", "", 14, false, "", ""},
    {"rotterdam-zuidplein", "rotterdam-zuidplein", "Servicebalie altijd bemand",
     "Klanten staan bij de servicebalie zonder dat iemand ze helpt.",
     "servicebalie|service desk|niemand keek|nobody even looked", "wachttijd|personeel", Stage::kProposed, "", "", "",
     6, false, "", ""},
    {"klantenservice", "", "Antwoord op uw e-mail binnen één werkdag",
     "Klanten krijgen pas na dagen een standaardantwoord op hun e-mail.",
     "op mijn e-mail|standaardantwoord|standard reply|to my email", "klantenservice|communicatie", Stage::kProposed, "",
     "", "", 20, false, "", ""},
};

// How quickly a unit (and the units below it) decides: the days from a plan (or an item, in triage) to
// its decision.
struct Pace {
  std::string_view unit;
  int min_days, max_days;
};
constexpr Pace kPaces[] = {{"bezorging-nl", 1, 5},     {"webshop", 2, 7},           {"groningen-centrum", 2, 6},
                           {"regio-noord-oost", 4, 9}, {"klantenservice", 6, 14},   {"regio-randstad", 8, 18},
                           {"regio-zuid", 7, 15},      {"utrecht-centrum", 28, 45}, {"bezorging-be", 20, 35},
                           {"regio-belgie", 30, 50},   {"stroomlijn", 14, 28}};
constexpr Pace kDefaultPace = {"", 10, 20};

constexpr std::string_view kClosedUnhappy[] = {
    "Geen actie: een eenmalig voorval, met de klant afgehandeld.",
    "Valt buiten onze invloed (fabrikant); doorgegeven aan de leverancier.",
    "Te weinig informatie om iets mee te doen.",
    "Al opgelost in het gesprek met de klant.",
    "Besproken in het teamoverleg; geen verdere actie.",
};
constexpr std::string_view kClosedHappy[] = {
    "Compliment gedeeld met het team.",
    "Positief; geen actie nodig.",
    "Doorgestuurd naar de betrokken collega als compliment.",
};

// A coordinator's theme for an item's first topic (text analysis keys).
constexpr std::pair<std::string_view, std::string_view> kThemeOfTopic[] = {
    {"delivery", "bezorging"},        {"waiting_time", "wachttijd"},
    {"staff", "personeel"},           {"price", "prijs"},
    {"product_quality", "kwaliteit"}, {"website_app", "app"},
    {"billing", "factuur"},           {"returns_complaints", "retour"},
    {"expertise", "advies"},          {"communication", "communicatie"},
    {"ambience", "schoonmaak"},       {"location", "bereikbaarheid"}};

std::vector<std::string_view> Split(std::string_view list) {
  std::vector<std::string_view> out;
  while (!list.empty()) {
    const size_t bar = list.find('|');
    out.push_back(list.substr(0, bar));
    if (bar == std::string_view::npos) break;
    list.remove_prefix(bar + 1);
  }
  return out;
}

struct UnitInfo {
  std::string code;
  std::optional<std::int64_t> parent;
};

struct User {
  std::int64_t id = 0;
  std::string role;
  std::optional<std::int64_t> unit_id;
};

// A stored item that may be triaged, with what telling its customer needs.
struct Item {
  std::int64_t id = 0;
  std::optional<std::int64_t> unit_id, customer_id, reported_by;
  std::string source, said, topics, score_class;  // said: the text in lower case, without a colleague's framing
  bool problem = false;                           // an unhappy score, or no happy one and a complaint or negative text
  nlohmann::json attributes;
  Micros received_at = 0;
  bool customer_consents = false, customer_has_email = false;
  bool used = false;  // linked, closed or merged
};

class Organisation {
 public:
  Result<void> Load(db::Connection& c) {
    KS_ASSIGN_OR_RETURN(db::Rows units, c.Query("SELECT id, code, parent_id FROM units ORDER BY id"));
    for (const auto& r : units.rows) {
      units_[db::AsInt(r[0])] = {db::AsText(r[1]), db::AsOptionalInt(r[2])};
      by_code_[db::AsText(r[1])] = db::AsInt(r[0]);
    }
    KS_ASSIGN_OR_RETURN(db::Rows users, c.Query("SELECT id, role, unit_id FROM users WHERE active = 1 ORDER BY id"));
    for (const auto& r : users.rows) {
      users_.push_back({db::AsInt(r[0]), db::AsText(r[1]), db::AsOptionalInt(r[2])});
      active_.insert(db::AsInt(r[0]));
    }
    for (const std::string_view role : {"coordinator", "admin"}) {
      for (const User& u : users_) {
        if (u.role == role && !coordinator_) coordinator_ = u.id;
      }
    }
    return Ok();
  }

  std::optional<std::int64_t> UnitId(std::string_view code) const {
    const auto it = by_code_.find(std::string(code));
    return it != by_code_.end() ? std::optional(it->second) : std::nullopt;
  }
  // Whether `unit` is `scope` or lies below it (the depth bound guards against a cycle).
  bool Within(const std::optional<std::int64_t>& unit, const std::optional<std::int64_t>& scope) const {
    std::optional<std::int64_t> at = unit;
    for (int depth = 0; at && depth < 50; ++depth) {
      if (at == scope) return true;
      const auto it = units_.find(*at);
      at = it != units_.end() ? it->second.parent : std::nullopt;
    }
    return false;
  }
  // The pace of the unit or of the nearest unit above it that has one.
  Pace PaceOf(const std::optional<std::int64_t>& unit) const {
    std::optional<std::int64_t> at = unit;
    for (int depth = 0; at && depth < 50; ++depth) {
      const auto it = units_.find(*at);
      if (it == units_.end()) break;
      for (const Pace& p : kPaces) {
        if (p.unit == it->second.code) return p;
      }
      at = it->second.parent;
    }
    return kDefaultPace;
  }
  // The manager nearest up the unit tree, else the coordinator: who works the plan.
  std::optional<std::int64_t> Owner(const std::optional<std::int64_t>& unit) const {
    std::optional<std::int64_t> at = unit;
    for (int depth = 0; at && depth < 50; ++depth) {
      for (const User& u : users_) {
        if (u.role == "manager" && u.unit_id == at) return u.id;
      }
      const auto it = units_.find(*at);
      at = it != units_.end() ? it->second.parent : std::nullopt;
    }
    return coordinator_;
  }
  bool Active(std::int64_t user_id) const { return active_.contains(user_id); }
  std::optional<std::int64_t> coordinator() const { return coordinator_; }

 private:
  std::map<std::int64_t, UnitInfo> units_;
  std::map<std::string, std::int64_t> by_code_;
  std::vector<User> users_;
  std::set<std::int64_t> active_;
  std::optional<std::int64_t> coordinator_;
};

// The stored items with text about the organisation itself (no competitors' reviews) received from
// `from` on that nobody triaged or linked yet, by id.
Result<std::vector<Item>> LoadItems(db::Connection& c, Micros from) {
  KS_ASSIGN_OR_RETURN(
      db::Rows rows,
      c.Query("SELECT f.id, f.unit_id, f.customer_id, f.reported_by, f.source, f.text, f.topics, "
              "COALESCE(f.score_class, ''), f.attributes, f.received_at, COALESCE(cu.consent_contact, 0), "
              "COALESCE(cu.email, ''), COALESCE(f.sentiment_label, '') FROM feedback f LEFT JOIN customers cu ON cu.id "
              "= f.customer_id "
              "WHERE f.received_at >= $1 AND f.text IS NOT NULL AND f.text <> '' AND f.brand = 'own' "
              "AND NOT EXISTS (SELECT 1 FROM feedback_triage t WHERE t.feedback_id = f.id) "
              "AND NOT EXISTS (SELECT 1 FROM action_items ai WHERE ai.feedback_id = f.id) ORDER BY f.id",
              {from}));
  std::vector<Item> out;
  out.reserve(rows.size());
  for (const auto& r : rows.rows) {
    Item item;
    item.id = db::AsInt(r[0]);
    item.unit_id = db::AsOptionalInt(r[1]);
    item.customer_id = db::AsOptionalInt(r[2]);
    item.reported_by = db::AsOptionalInt(r[3]);
    item.source = db::AsText(r[4]);
    item.said = ToLowerAscii(db::AsText(r[5]));
    // "Klant zei bij de kassa: “…”": what the customer said is after the colleague's framing.
    if (const size_t colon = item.said.find(": "); item.source == "employee" && colon != std::string::npos) {
      item.said.erase(0, colon + 2);
    }
    item.topics = db::AsText(r[6]);
    item.score_class = db::AsText(r[7]);
    item.attributes = nlohmann::json::parse(db::AsText(r[8]), nullptr, false);
    if (!item.attributes.is_object()) item.attributes = nlohmann::json::object();
    item.received_at = db::AsInt(r[9]);
    item.customer_consents = db::AsInt(r[10]) != 0;
    item.customer_has_email = !db::AsText(r[11]).empty();
    const std::string sentiment = db::AsText(r[12]);
    item.problem = item.score_class == "unhappy" ||
                   (item.score_class != "happy" &&
                    (sentiment == "negative" || (item.source == "complaint" && sentiment != "positive")));
    out.push_back(std::move(item));
  }
  return out;
}

Value Optional(const std::optional<std::int64_t>& v) { return v ? Value(*v) : Value(nullptr); }

// A time on the day of `t` during working hours (08:30–17:30 in the Netherlands, roughly).
Micros WorkTime(Rng& rng, Micros t) {
  const Micros day = t - t % kDay;
  return day + 7 * kHour + 30 * kMinute + rng.Between(0, 9 * 60) * kMinute + rng.Between(0, 59) * kMicrosPerSecond;
}

// `days` (and a bit) after `t`, during working hours, and always after `t`.
Micros DaysAfter(Rng& rng, Micros t, int days) {
  const Micros at = WorkTime(rng, t + days * kDay);
  return at > t ? at : t + rng.Between(10, 120) * kMinute;
}

std::string DateOf(Micros t) { return FormatRfc3339(t).substr(0, 10); }

// How a linked item's customer is told, by the rules of ActionService's Tell.
std::string_view HowToTell(const Item& item, const Organisation& org) {
  const auto consent = item.attributes.find("contact_consent");
  const bool employee_consent = item.source == "employee" && consent != item.attributes.end() && consent->is_string() &&
                                consent->get<std::string>() == "yes";
  const bool may_contact = item.customer_consents || employee_consent;
  if (may_contact && item.customer_id && item.customer_has_email) return "mail";
  if (employee_consent && item.reported_by && org.Active(*item.reported_by)) return "colleague";
  return "nobody";
}

struct TimelineEvent {
  Micros at = 0;
  std::string kind;
  std::optional<std::int64_t> user;
  nlohmann::json detail;
};

class History {
 public:
  History(const Organisation& org, std::vector<Item>& items, std::uint64_t seed, Micros now)
      : org_(org), items_(items), rng_(seed, kActionsStream), now_(now) {}

  Result<void> Plan(const PlanSpec& spec, size_t index, std::vector<db::Statement>& out) {
    const std::optional<std::int64_t> unit = org_.UnitId(spec.unit);
    const std::optional<std::int64_t> owner = org_.Owner(unit);
    const std::optional<std::int64_t> coordinator = org_.coordinator();
    const Pace pace = org_.PaceOf(unit);

    // When it was created, decided (perhaps twice), started and done.
    Micros created = 0;
    if (spec.at_turnaround) {
      created = WorkTime(rng_, TurnaroundStart(now_) - rng_.Between(40, 50) * kDay);
    } else {
      created = WorkTime(rng_, now_ - (spec.created_days_ago + rng_.Between(-3, 3)) * kDay);
    }
    created += static_cast<Micros>(index);  // plans are told apart by their creation time
    const bool decided = spec.stage != Stage::kProposed;
    const bool changed = !spec.earlier_not_now.empty();
    Micros first_decision = 0, decision = 0, started = 0, done = 0;
    if (decided) {
      first_decision = DaysAfter(rng_, created, rng_.Between(pace.min_days, pace.max_days));
      decision = changed ? DaysAfter(rng_, first_decision, rng_.Between(35, 70)) : first_decision;
    }
    if (spec.stage == Stage::kInProgress || spec.stage == Stage::kDone) {
      started = DaysAfter(rng_, decision, rng_.Between(1, 10));
    }
    if (spec.stage == Stage::kDone) {
      done = spec.at_turnaround ? WorkTime(rng_, TurnaroundStart(now_) + rng_.Between(7, 14) * kDay)
                                : DaysAfter(rng_, started, rng_.Between(20, 70));
      done = std::max(done, started + kHour);
    }
    const Micros limit = now_ - kHour;
    for (Micros* t : {&first_decision, &decision, &started, &done}) {
      if (*t >= limit) return Error::Internal(fmt::format("demo plan '{}' would end after now", spec.title));
    }

    // Its items: received before the decision (or now) and at most a few of the unit's paces before it.
    const Micros window = std::max<Micros>(21, Micros{2} * pace.max_days) * kDay;
    const Micros link_limit = (decided ? first_decision : limit) - 2 * kHour;
    std::vector<size_t> chosen = Choose(spec, created - window, link_limit);
    std::sort(chosen.begin(), chosen.end(),
              [&](size_t a, size_t b) { return items_[a].received_at < items_[b].received_at; });

    std::vector<TimelineEvent> events;
    std::vector<std::pair<size_t, Micros>> links;  // item, linked at
    size_t at_creation = 0;
    for (size_t i : chosen) {
      Item& item = items_[i];
      item.used = true;
      Micros linked = created;
      if (item.received_at >= created) {
        linked = std::min(DaysAfter(rng_, item.received_at, rng_.Between(0, 3)), link_limit);
        linked = std::max(linked, item.received_at + kMinute);
        events.push_back({linked, "linked", coordinator, {{"linked", 1}}});
      } else {
        ++at_creation;
      }
      links.emplace_back(i, linked);
      // The employee report form records whether the customer wants to hear back.
      if (item.source == "employee" && !item.attributes.contains("contact_consent")) {
        item.attributes["contact_consent"] = rng_.Chance(kEmployeeConsents) ? "yes" : "no";
        out.push_back({"UPDATE feedback SET attributes = $1 WHERE id = $2", {item.attributes.dump(), item.id}});
      }
    }
    events.push_back({created, "created", coordinator, {{"title", spec.title}, {"linked", at_creation}}});

    // The decisions and their telling, the work and its end.
    std::vector<db::Statement> messages;
    if (decided) {
      if (changed) {
        nlohmann::json told = Tell(links, "decided", "not_now", first_decision, created, messages, events);
        events.push_back({first_decision,
                          "decided",
                          coordinator,
                          {{"decision", "not_now"}, {"reason", spec.earlier_not_now}, {"told", std::move(told)}}});
      }
      nlohmann::json told = Tell(links, "decided", spec.decision, decision, created, messages, events);
      events.push_back({decision,
                        "decided",
                        coordinator,
                        {{"decision", spec.decision}, {"reason", spec.reason}, {"told", std::move(told)}}});
    }
    if (started != 0) events.push_back({started, "started", owner, nlohmann::json::object()});
    const std::vector<std::string_view> notes = Split(spec.notes);
    const Micros work_end = done != 0 ? done : limit;
    for (size_t n = 0; n < notes.size() && started != 0; ++n) {
      const Micros span = work_end - started;
      const Micros at = started + span * static_cast<Micros>(n + 1) / static_cast<Micros>(notes.size() + 1);
      events.push_back({at, "note", owner, {{"text", notes[n]}}});
    }
    if (done != 0) {
      nlohmann::json detail = {{"told", Tell(links, "done", "do", done, created, messages, events)}};
      if (!spec.done_note.empty()) detail["text"] = spec.done_note;
      events.push_back({done, "done", owner, std::move(detail)});
      // The analytics marker of its completion, as ActionService::Finish writes it.
      out.push_back(
          {"INSERT INTO events (title, description, happened_at, unit_id, created_by, created_at) "
           "VALUES ($1, $2, $3, $4, $5, $3)",
           {std::string(spec.title), Excerpt(spec.reason, 2000), done, Optional(unit), Optional(owner)}});
    }
    std::stable_sort(events.begin(), events.end(),
                     [](const TimelineEvent& a, const TimelineEvent& b) { return a.at < b.at; });
    Micros updated = created;
    for (const TimelineEvent& e : events) {
      if (e.kind != "told") updated = std::max(updated, e.at);
    }

    const std::string_view status = spec.stage == Stage::kProposed     ? "proposed"
                                    : spec.stage == Stage::kDecided    ? "decided"
                                    : spec.stage == Stage::kInProgress ? "in_progress"
                                                                       : "done";
    Value due = nullptr;
    if (spec.decision == "do") {
      due = DateOf(done != 0 ? started + rng_.Between(15, 80) * kDay : decision + rng_.Between(30, 120) * kDay);
    }
    out.push_back(
        {"INSERT INTO actions (title, description, owner_user_id, unit_id, due_date, status, decision, "
         "decision_reason, decided_at, decided_by, done_at, event_id, created_by, created_at, updated_at) "
         "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, "
         "(SELECT MAX(id) FROM events WHERE title = $1 AND happened_at = $11), $12, $13, $14)",
         {std::string(spec.title), std::string(spec.description), Optional(owner), Optional(unit), due,
          std::string(status), decided ? Value(std::string(spec.decision)) : Value(nullptr),
          decided ? Value(std::string(spec.reason)) : Value(nullptr), decided ? Value(decision) : Value(nullptr),
          decided ? Optional(coordinator) : Value(nullptr), done != 0 ? Value(done) : Value(nullptr),
          Optional(coordinator), created, updated}});
    const std::string ref = "(SELECT id FROM actions WHERE created_at = $1)";
    for (const auto& [i, linked] : links) {
      out.push_back(
          {"INSERT INTO action_items (feedback_id, action_id, linked_by, linked_at) VALUES ($2, " + ref + ", $3, $4)",
           {created, items_[i].id, Optional(coordinator), linked}});
      out.push_back({"INSERT INTO feedback_triage (feedback_id, outcome, user_id, at) VALUES ($1, 'linked', $2, $3)",
                     {items_[i].id, Optional(coordinator), linked}});
      for (const std::string_view theme : Split(spec.themes)) Tag(items_[i].id, theme);
    }
    for (const TimelineEvent& e : events) {
      out.push_back(
          {"INSERT INTO action_events (action_id, kind, user_id, detail, at) VALUES (" + ref + ", $2, $3, $4, $5)",
           {created, e.kind, Optional(e.user), e.detail.dump(), e.at}});
    }
    std::move(messages.begin(), messages.end(), std::back_inserter(out));
    Merge(links, out);
    ++plans_;
    linked_ += links.size();
    return Ok();
  }

  // Closes some untriaged items of every unit with a reason, at the unit's pace.
  void CloseSome(std::vector<db::Statement>& out) {
    std::map<std::optional<std::int64_t>, std::vector<size_t>> by_unit;
    for (size_t i = 0; i < items_.size(); ++i) {
      const Item& item = items_[i];
      if (!item.used && item.unit_id && item.received_at >= now_ - kDemoActionHistory) {
        by_unit[item.unit_id].push_back(i);
      }
    }
    for (auto& [unit, candidates] : by_unit) {
      const Pace pace = org_.PaceOf(unit);
      const int wanted = rng_.Between(5, 12);
      for (int n = 0; n < wanted && !candidates.empty(); ++n) {
        const size_t pick = rng_.Below(candidates.size());
        Item& item = items_[candidates[pick]];
        candidates.erase(candidates.begin() + static_cast<std::ptrdiff_t>(pick));
        const Micros at = DaysAfter(rng_, item.received_at, rng_.Between(pace.min_days / 2, pace.max_days));
        if (at >= now_ - kHour) continue;
        item.used = true;
        const std::string_view reason =
            item.score_class == "happy" ? rng_.Pick(kClosedHappy) : rng_.Pick(kClosedUnhappy);
        out.push_back(
            {"INSERT INTO feedback_triage (feedback_id, outcome, reason, user_id, at) "
             "VALUES ($1, 'closed', $2, $3, $4)",
             {item.id, std::string(reason), Optional(org_.coordinator()), at}});
        ++closed_;
      }
    }
  }

  // Tags some items still waiting in the queue (the last weeks) with the theme of their first topic.
  void TagQueue() {
    size_t tagged = 0;
    for (auto it = items_.rbegin(); it != items_.rend() && tagged < kMaxQueueThemes; ++it) {
      if (it->used || it->received_at < now_ - 45 * kDay || it->topics.empty() || !rng_.Chance(0.2)) continue;
      const std::string_view first = std::string_view(it->topics).substr(0, it->topics.find(','));
      for (const auto& [topic, theme] : kThemeOfTopic) {
        if (topic == first) {
          Tag(it->id, theme);
          ++tagged;
        }
      }
    }
  }

  void AppendThemes(std::vector<db::Statement>& out) const {
    for (const auto& [id, theme] : themes_) {
      out.push_back({"INSERT INTO feedback_themes (feedback_id, theme) VALUES ($1, $2)", {id, theme}});
    }
  }

  void Summarise(DemoActionsSummary& summary) const {
    summary.plans = plans_;
    summary.linked = linked_;
    summary.mails = told_.contains("mail") ? told_.at("mail") : 0;
    summary.colleague = told_.contains("colleague") ? told_.at("colleague") : 0;
    summary.nobody = told_.contains("nobody") ? told_.at("nobody") : 0;
    summary.closed = closed_;
    summary.merged = merged_;
    summary.themes = themes_.size();
  }

 private:
  // 3–13 unused items about a problem received before `to` that fit the plan: those that said its words
  // in its units from `from` on, then earlier ones; only when fewer than three said it, others of its
  // units (or anywhere) from `from` on. Up to two reported by a colleague come first, so that some
  // customers hear back through the colleague.
  std::vector<size_t> Choose(const PlanSpec& spec, Micros from, Micros to) {
    const std::vector<std::string_view> words = Split(spec.words);
    const std::optional<std::int64_t> scope = spec.scope.empty() ? std::nullopt : org_.UnitId(spec.scope);
    std::vector<size_t> said, said_earlier, in_scope, anywhere;
    for (size_t i = 0; i < items_.size(); ++i) {
      const Item& item = items_[i];
      if (item.used || !item.problem || item.received_at < from - 90 * kDay || item.received_at >= to) continue;
      const bool recent = item.received_at >= from;
      const bool fits = !scope || org_.Within(item.unit_id, scope);
      const bool says = fits && std::any_of(words.begin(), words.end(),
                                            [&](std::string_view w) { return item.said.find(w) != std::string::npos; });
      if (says) (recent ? said : said_earlier).push_back(i);
      if (recent && !says && fits) in_scope.push_back(i);
      if (recent && !fits) anywhere.push_back(i);
    }
    for (std::vector<size_t>* list : {&said, &said_earlier, &in_scope, &anywhere}) {
      // A deterministic shuffle (Fisher–Yates on the demo's own generator).
      for (size_t i = list->size(); i > 1; --i) std::swap((*list)[i - 1], (*list)[rng_.Below(i)]);
    }
    said.insert(said.end(), said_earlier.begin(), said_earlier.end());
    const size_t wanted = static_cast<size_t>(rng_.Between(4, 13));
    std::vector<size_t> out;
    const auto reported = [&](size_t i) { return items_[i].source == "employee" && !items_[i].customer_id; };
    std::copy_if(said.begin(), said.end(), std::back_inserter(out), reported);
    out.resize(std::min<size_t>(out.size(), 2));
    for (size_t i : said) {
      if (out.size() >= wanted) break;
      if (std::find(out.begin(), out.end(), i) == out.end()) out.push_back(i);
    }
    for (const std::vector<size_t>* others : {&in_scope, &anywhere}) {
      for (size_t i : *others) {
        if (out.size() >= 3) break;
        out.push_back(i);
      }
    }
    return out;
  }

  // Tells every linked item's customer of the plan created at `created` the `milestone` of `decision` at
  // `at`, as Tell does: the action_messages rows, a "told" entry when a colleague ticked their task, and
  // the counts per way.
  nlohmann::json Tell(const std::vector<std::pair<size_t, Micros>>& links, std::string_view milestone,
                      std::string_view decision, Micros at, Micros created, std::vector<db::Statement>& out,
                      std::vector<TimelineEvent>& events) {
    std::map<std::string, int> counts;
    for (const auto& [i, linked] : links) {
      const Item& item = items_[i];
      const std::string_view how = HowToTell(item, org_);
      Value informed = nullptr, colleague = nullptr;
      if (how == "mail") informed = at;
      if (how == "colleague") {
        colleague = *item.reported_by;
        const Micros ticked = DaysAfter(rng_, at, rng_.Between(1, 9));
        if (ticked < now_ - kHour && !rng_.Chance(kTaskForgotten)) {
          informed = ticked;
          events.push_back(
              {ticked, "told", item.reported_by, {{"feedback_id", item.id}, {"milestone", std::string(milestone)}}});
        }
      }
      out.push_back(
          {"INSERT INTO action_messages (action_id, feedback_id, milestone, decision, how, user_id, "
           "created_at, informed_at) VALUES ((SELECT id FROM actions WHERE created_at = $1), $2, $3, $4, "
           "$5, $6, $7, $8)",
           {created, item.id, std::string(milestone), std::string(decision), std::string(how), colleague, at,
            informed}});
      ++counts[std::string(how)];
      ++told_[std::string(how)];
    }
    return nlohmann::json(counts);
  }

  // A few customers said it again within a month: the later item is merged into the linked one (at most
  // one per plan).
  void Merge(const std::vector<std::pair<size_t, Micros>>& links, std::vector<db::Statement>& out) {
    if (merged_ >= kMaxMerges) return;
    for (const auto& [i, linked] : links) {
      const Item& kept = items_[i];
      if (!kept.customer_id) continue;
      for (Item& other : items_) {
        if (other.used || other.customer_id != kept.customer_id || !other.problem ||
            other.received_at <= kept.received_at || other.received_at > kept.received_at + 30 * kDay) {
          continue;
        }
        const Micros at = DaysAfter(rng_, std::max(other.received_at, linked), rng_.Between(0, 3));
        if (at >= now_ - kHour) continue;
        other.used = true;
        out.push_back(
            {"INSERT INTO feedback_triage (feedback_id, outcome, merged_into, user_id, at) "
             "VALUES ($1, 'merged', $2, $3, $4)",
             {other.id, kept.id, Optional(org_.coordinator()), at}});
        ++merged_;
        return;
      }
    }
  }

  void Tag(std::int64_t id, std::string_view theme) { themes_.emplace(id, std::string(theme)); }

  const Organisation& org_;
  std::vector<Item>& items_;
  Rng rng_;
  const Micros now_;
  std::set<std::pair<std::int64_t, std::string>> themes_;
  std::map<std::string, size_t> told_;
  size_t plans_ = 0, linked_ = 0, closed_ = 0, merged_ = 0;
};

}  // namespace

Result<DemoActionsSummary> LoadDemoActions(db::Connection& c, std::uint64_t seed, Micros now) {
  DemoActionsSummary summary;
  KS_ASSIGN_OR_RETURN(db::Rows existing, c.Query("SELECT COUNT(*) FROM actions"));
  if (db::AsInt(existing.rows.at(0)[0]) > 0) return summary;
  Organisation org;
  KS_RETURN_IF_ERROR(org.Load(c));
  KS_ASSIGN_OR_RETURN(std::vector<Item> items, LoadItems(c, now - kDemoActionHistory - kItemReach));
  History history(org, items, seed, now);
  std::vector<db::Statement> statements;
  for (size_t i = 0; i < std::size(kPlans); ++i) {
    const PlanSpec& spec = kPlans[i];
    if (!org.UnitId(spec.unit)) continue;  // not the demo organisation
    KS_RETURN_IF_ERROR(history.Plan(spec, i, statements));
    switch (spec.stage) {
      case Stage::kProposed: ++summary.proposed; break;
      case Stage::kDecided: ++summary.decided; break;
      case Stage::kInProgress: ++summary.in_progress; break;
      case Stage::kDone: ++summary.done; break;
    }
  }
  history.CloseSome(statements);
  history.TagQueue();
  history.AppendThemes(statements);
  history.Summarise(summary);
  KS_RETURN_IF_ERROR(WriteAll(c, statements));
  return summary;
}

}  // namespace ks::demo
