// The demo organisation's people: one user of every role (the manager runs the "hidden seven" unit),
// the managers of the regions and central teams (so every demo case has an owner: a store's cases go to
// its region's manager), and the employees who reported the employee-sourced demo feedback. Their e-mail addresses are
// in the reserved .example domain, so no mail to them can reach anyone.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "db/database.h"

namespace ks::demo {

struct DemoUser {
  std::string_view email, name, role, unit, language;
};

inline constexpr DemoUser kDemoUsers[] = {
    {"beheer@stroomlijn.example", "Anouk Vermeer", "admin", "", "nl"},
    {"coordinator@stroomlijn.example", "Sanne de Wit", "coordinator", "", "nl"},
    {"directie@stroomlijn.example", "Pieter van Dam", "executive", "", "nl"},
    {"manager.utrecht@stroomlijn.example", "Fatima El Amrani", "manager", "utrecht-centrum", "nl"},
    {"manager.randstad@stroomlijn.example", "Erik Hoekstra", "manager", "regio-randstad", "nl"},
    {"manager.noord-oost@stroomlijn.example", "Ingrid Postma", "manager", "regio-noord-oost", "nl"},
    {"manager.zuid@stroomlijn.example", "Bart Verhoeven", "manager", "regio-zuid", "nl"},
    {"manager.belgie@stroomlijn.example", "Katrien Pauwels", "manager", "regio-belgie", "nl"},
    {"manager.klantenservice@stroomlijn.example", "Esther Visser", "manager", "klantenservice", "nl"},
    {"manager.bezorging@stroomlijn.example", "Gerrit Kramer", "manager", "bezorging-nl", "nl"},
    {"manager.bezorging-be@stroomlijn.example", "Jens Claes", "manager", "bezorging-be", "nl"},
    {"manager.webshop@stroomlijn.example", "Tim van Leeuwen", "manager", "webshop", "en"},
    {"medewerker@stroomlijn.example", "Daan Jansen", "employee", "utrecht-centrum", "nl"},
    {"lisa.bakker@stroomlijn.example", "Lisa Bakker", "employee", "klantenservice", "nl"},
    {"tom.visser@stroomlijn.example", "Tom Visser", "employee", "bezorging-nl", "en"},
    {"noor.smit@stroomlijn.example", "Noor Smit", "employee", "rotterdam-zuidplein", "nl"},
};

// Creates the demo users (existing addresses are left alone), all with `password_hash`, and makes the
// employees the reporters of the employee-sourced feedback that has none yet. One transaction.
Result<void> LoadDemoUsers(db::Connection& c, const std::string& password_hash, Micros now);

}  // namespace ks::demo
