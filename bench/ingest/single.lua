-- wrk script: One feedback item per POST /api/v1/feedback (each with its own idempotency key).
-- Usage: KLANTSTEM_BENCH_KEY=KEY wrk -s single.lua URL -- RUN_ID   (see common.lua; bench/ingest/run drives it)
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "common.lua").install("single", 1)
