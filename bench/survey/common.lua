-- Shared by static.lua, page.lua and answer.lua (loaded with dofile; wrk 4.x runs LuaJIT).
--
-- wrk runs a script once in its main Lua state (setup, done) and once per wrk thread (init, request,
-- response). Each thread counts its own responses; done() adds them up through thread:get and prints
--   RESULT kind=… requests=… ok=… errors=… socket_errors=… duration_s=… rps=… p50_ms=… p99_ms=… max_ms=…
--          tokens=… tokens_requested=…
-- for bench/survey/run to parse, and the first non-2xx responses prominently when there were any.
--
-- Arguments after `--` on the wrk command line: the wrk thread count (-t), then, for the scripts that
-- rotate over invitation links, a file with one path per line (/s/<token>).

local M = {}

local threads = {}

-- The paths of `file`, one per line (blank lines skipped).
local function read_lines(file)
  local lines = {}
  local f = assert(io.open(file, "r"), "cannot open " .. tostring(file))
  for line in f:lines() do
    if line ~= "" then lines[#lines + 1] = line end
  end
  f:close()
  return lines
end

-- kind: "static" (GET the one path given on the wrk command line), "page" (GET /s/<token>, round robin
-- over the tokens) or "answer" (POST /s/<token>, round robin; a score alone and score + details in turn).
function M.install(kind)
  function setup(thread)
    table.insert(threads, thread)
    thread:set("id", #threads)
  end

  function init(args)
    non2xx = 0
    statuses = {}
    first_error = nil
    sent = 0
    start = 0
    nthreads = tonumber(args[1]) or 1
    if kind == "static" then
      static_request = wrk.format("GET", wrk.path)
      return
    end
    local paths = read_lines(args[2])
    ntokens = #paths
    assert(ntokens > 0, "no tokens in " .. tostring(args[2]))
    -- Each thread starts at its own share of the list, so the threads together cover it early.
    start = math.floor((id - 1) * ntokens / nthreads)
    requests = {}
    if kind == "page" then
      for i, p in ipairs(paths) do requests[i] = wrk.format("GET", p) end
    else
      local headers = { ["Content-Type"] = "application/x-www-form-urlencoded" }
      for i, p in ipairs(paths) do
        local score = (i * 7) % 11  -- every NPS value 0..10 occurs
        -- Step one (the score alone) and step two (score, open answer, driver rating) alternate per
        -- token: both are durable writes of the same feedback item (an upsert).
        requests[2 * i - 1] = wrk.format("POST", p, headers, "score=" .. score)
        requests[2 * i] = wrk.format("POST", p, headers,
                                     "step=details&score=" .. score .. "&text=Prima&d_delivery=" .. (i % 5 + 1))
      end
    end
  end

  if kind == "static" then
    function request()
      sent = sent + 1
      return static_request
    end
  elseif kind == "page" then
    function request()
      local i = (start + sent) % ntokens + 1
      sent = sent + 1
      return requests[i]
    end
  else
    function request()
      local n = start + sent
      local i = n % ntokens + 1
      local details = math.floor(n / ntokens) % 2
      sent = sent + 1
      return requests[2 * i - 1 + details]
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
    local ntok, covered = 0, {}
    for _, t in ipairs(threads) do
      errors = errors + (t:get("non2xx") or 0)
      local s = t:get("statuses") or {}
      for k, v in pairs(s) do by_status[k] = (by_status[k] or 0) + v end
      first = first or t:get("first_error")
      ntok = t:get("ntokens") or ntok
    end
    -- Distinct tokens a request was sent for (each thread walked its range from its start).
    local distinct = 0
    if ntok > 0 then
      for _, t in ipairs(threads) do
        local from, n = t:get("start") or 0, t:get("sent") or 0
        for k = 0, math.min(n, ntok) - 1 do
          local i = (from + k) % ntok
          if not covered[i] then covered[i] = true; distinct = distinct + 1 end
        end
      end
    end
    local e = summary.errors
    local socket_errors = e.connect + e.read + e.write + e.timeout
    local duration_s = summary.duration / 1e6
    if errors > 0 or socket_errors > 0 then
      local parts = {}
      for k, v in pairs(by_status) do parts[#parts + 1] = k .. "x" .. v end
      io.write("!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n")
      io.write(string.format("!!! %s: %d non-2xx responses (%s) and %d socket errors " ..
                             "(connect %d, read %d, write %d, timeout %d): THIS RUN IS INVALID\n",
                             kind, errors, table.concat(parts, ", "), socket_errors,
                             e.connect, e.read, e.write, e.timeout))
      if first then io.write("!!! first error response: " .. first .. "\n") end
      io.write("!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n")
    end
    local ok = summary.requests - errors
    io.write(string.format(
      "RESULT kind=%s requests=%d ok=%d errors=%d socket_errors=%d duration_s=%.3f rps=%.1f " ..
      "p50_ms=%.2f p99_ms=%.2f max_ms=%.2f tokens=%d tokens_requested=%d\n",
      kind, summary.requests, ok, errors, socket_errors, duration_s, duration_s > 0 and ok / duration_s or 0,
      latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000, ntok, distinct))
  end
end

return M
