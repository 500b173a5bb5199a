// The executive callback pages (issue 7, item 4) and the client seat (item 5), for executives, admins
// and coordinators (managers and employees get the 403 page):
//   GET  /callbacks                 this week's customers to call (planned on first look, see
//                                   callback_store.h), each with their words, their recent feedback and
//                                   a form to record the call; an executive sees their own list, admins
//                                   and coordinators pick an executive (?executive=ID) or see all.
//   POST /callbacks/{id}            records a call (the assigned executive or an admin).
//   GET  /callbacks/report          per executive planned / called / reached over recent weeks
//                                   (?weeks=1|4|8|13), per week the customers nobody could take, and
//                                   everything the executives heard, unfiltered.
//   POST /callbacks/report/quotas   admins set the executives' weekly quotas (0..50).
//   GET  /client-seat               the raw words of the unhappiest customers of the last 7, 30 or 90
//                                   days (?days=), newest first, paged (?cursor=, htmx "more").
// Thread-safe: the handlers hold references to thread-safe services only.
#pragma once

#include "accounts/policy.h"
#include "accounts/web_auth.h"
#include "base/clock.h"
#include "http/router.h"

namespace ks::cases {

void AddCallbackPages(http::Router& router, WebAuth& auth, const Clock& clock);
void AddClientSeatPage(http::Router& router, WebAuth& auth, const Clock& clock);

}  // namespace ks::cases
