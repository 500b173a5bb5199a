-- Shared by single.lua, batch.lua and healthz.lua (loaded with dofile; wrk 4.x runs LuaJIT).
--
-- wrk runs this file once in its main Lua state (setup, done) and once per wrk thread (init, request,
-- response). Every thread counts its own responses; done() adds them up through thread:get and prints
--   RESULT kind=… requests=… ok=… errors=… socket_errors=… items_per_request=… duration_s=… p50_ms=… p99_ms=…
-- for bench/ingest/run to parse, and the first non-2xx responses prominently when there were any.
--
-- Arguments after `--` on the wrk command line: RUN_ID (makes idempotency keys unique across runs).
-- The API key comes from the environment variable KLANTSTEM_BENCH_KEY (kept off the command line).

local M = {}

-- ---------------------------------------------------------------------------------------------
-- Texts: a few dozen Dutch and English sentences, combined 1–3 at a time.

local nl_sentences = {
  "De bezorger was twee uur te laat.",
  "Het pakket kwam beschadigd aan.",
  "Heel vriendelijke medewerker aan de telefoon.",
  "Ik heb drie keer moeten bellen voordat iemand me terugbelde.",
  "De factuur klopte niet, er stond een dubbele regel op.",
  "Snelle levering en alles zat netjes verpakt.",
  "De app loopt steeds vast bij het afrekenen.",
  "Fijne winkel, goed geholpen door de verkoper.",
  "De wachttijd aan de kassa was veel te lang.",
  "Mijn klacht is keurig en snel opgelost.",
  "Het product voldoet niet aan de beschrijving op de website.",
  "Prima service, ik kom zeker terug.",
  "Niemand reageerde op mijn e-mail.",
  "De monteur wist precies wat hij moest doen.",
  "Jammer dat de openingstijden zo beperkt zijn.",
  "De prijs is aan de hoge kant voor wat je krijgt.",
  "Duidelijke uitleg over het retourbeleid.",
  "Ik kreeg mijn geld pas na zes weken terug.",
  "De bestelling was compleet en op tijd.",
  "Het parkeren bij de vestiging is een ramp.",
  "Goede kwaliteit, maar de levertijd viel tegen.",
  "Ik werd van het kastje naar de muur gestuurd.",
  "Medewerkers nemen echt de tijd voor je.",
  "Het abonnement opzeggen was onnodig ingewikkeld.",
}

local en_sentences = {
  "The courier arrived two hours late.",
  "The parcel was damaged on arrival.",
  "Very friendly staff on the phone.",
  "I had to call three times before anyone called me back.",
  "The invoice was wrong, one line was charged twice.",
  "Fast delivery and everything was neatly packed.",
  "The app keeps freezing at checkout.",
  "Great shop, the salesperson really helped me.",
  "The queue at the till was far too long.",
  "My complaint was handled quickly and properly.",
  "The product does not match the description on the website.",
  "Excellent service, I will definitely come back.",
  "Nobody answered my e-mail.",
  "The engineer knew exactly what to do.",
  "Shame the opening hours are so limited.",
  "Rather expensive for what you get.",
  "Clear explanation of the returns policy.",
  "It took six weeks to get my refund.",
  "The order was complete and on time.",
  "Parking at the branch is a nightmare.",
  "Good quality, but delivery took longer than promised.",
  "I was passed from one department to the next.",
  "The staff really take their time for you.",
  "Cancelling the subscription was needlessly complicated.",
}

local sources = { "survey", "survey", "survey", "survey", "complaint", "review" }
local channels = { "web", "web", "email", "app", "phone" }
-- NPS answers lean high, as real ones do; every value 0..10 occurs.
local scores = { 0, 1, 2, 3, 4, 5, 5, 6, 6, 7, 7, 7, 8, 8, 8, 8, 9, 9, 9, 9, 10, 10, 10 }

M.customers = 1000 -- distinct customers: c-0 … c-999

local function pick(list) return list[math.random(#list)] end

-- An item is HEAD .. CUSTOMER_NUMBER .. TAIL .. KEY .. '"}': HEAD and TAIL come from pools built once
-- per thread (so request() only concatenates), the customer is drawn for every item.
local function item_head()
  return string.format('{"source":"%s","channel":"%s","customer":{"external_ref":"c-', pick(sources), pick(channels))
end

local function item_tail()
  local dutch = math.random() < 0.7
  local pool = dutch and nl_sentences or en_sentences
  local parts = {}
  for i = 1, math.random(3) do parts[i] = pick(pool) end
  return string.format('"},"unit":"bench","score":{"value":%d,"scale":"nps"},"text":"%s","language":"%s",' ..
                       '"idempotency_key":"', pick(scores), table.concat(parts, " "), dutch and "nl" or "en")
end

-- ---------------------------------------------------------------------------------------------
-- Per-thread state (globals in each thread's Lua state; `id` is set by setup through thread:set).

local heads, tails = {}, {}  -- pools of pre-built item parts per thread
local head_pool, tail_pool = 31, 1009
local counter = 0
local key_stem = ""

local function next_item()
  counter = counter + 1
  return heads[counter % head_pool + 1] .. math.random(0, M.customers - 1) ..
         tails[(counter * 7919) % tail_pool + 1] .. key_stem .. counter .. '"}'
end

-- ---------------------------------------------------------------------------------------------
-- wrk hooks

local threads = {}

function M.install(kind, items_per_request)
  local api_key = os.getenv("KLANTSTEM_BENCH_KEY") or ""

  function setup(thread)
    table.insert(threads, thread)
    thread:set("id", #threads)
  end

  function init(args)
    local run_id = args[1] or tostring(os.time())
    math.randomseed(os.time() + 7 * (id or 0))
    key_stem = "bench-" .. run_id .. "-" .. kind .. "-t" .. tostring(id) .. "-"
    non2xx = 0
    statuses = {}
    first_error = nil
    if kind ~= "healthz" then
      for i = 1, head_pool do heads[i] = item_head() end
      for i = 1, tail_pool do tails[i] = item_tail() end
    end
    if kind ~= "healthz" then
      wrk.headers["Authorization"] = "Bearer " .. api_key
      wrk.headers["Content-Type"] = "application/json"
    end
  end

  if kind == "healthz" then
    function request()
      return wrk.format("GET", "/healthz")
    end
  elseif items_per_request == 1 then
    function request()
      return wrk.format("POST", "/api/v1/feedback", nil, next_item())
    end
  else
    function request()
      local items = {}
      for i = 1, items_per_request do items[i] = next_item() end
      return wrk.format("POST", "/api/v1/feedback", nil, '{"items":[' .. table.concat(items, ",") .. "]}")
    end
  end

  function response(status, headers, body)
    if status < 200 or status > 299 then
      non2xx = non2xx + 1
      local k = tostring(status)
      statuses[k] = (statuses[k] or 0) + 1
      if first_error == nil then first_error = tostring(status) .. " " .. string.sub(body or "", 1, 300) end
    end
  end

  function done(summary, latency, requests)
    local errors, by_status, first = 0, {}, nil
    for _, t in ipairs(threads) do
      errors = errors + (t:get("non2xx") or 0)
      local s = t:get("statuses") or {}
      for k, v in pairs(s) do by_status[k] = (by_status[k] or 0) + v end
      first = first or t:get("first_error")
    end
    local e = summary.errors
    local socket_errors = e.connect + e.read + e.write + e.timeout
    local duration_s = summary.duration / 1e6
    if errors > 0 or socket_errors > 0 then
      local parts = {}
      for k, v in pairs(by_status) do parts[#parts + 1] = k .. "×" .. v end
      io.write("!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n")
      io.write(string.format("!!! %s: %d non-2xx responses (%s) and %d socket errors " ..
                             "(connect %d, read %d, write %d, timeout %d): THIS RUN IS INVALID\n",
                             kind, errors, table.concat(parts, ", "), socket_errors,
                             e.connect, e.read, e.write, e.timeout))
      if first then io.write("!!! first error response: " .. first .. "\n") end
      io.write("!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n")
    end
    io.write(string.format(
      "RESULT kind=%s requests=%d ok=%d errors=%d socket_errors=%d items_per_request=%d " ..
      "duration_s=%.3f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f\n",
      kind, summary.requests, summary.requests - errors, errors, socket_errors, items_per_request,
      duration_s, latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
  end
end

return M
