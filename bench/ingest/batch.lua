-- wrk script: A batch of 100 items per POST /api/v1/feedback ({"items":[…]}; every item its own idempotency key).
-- Usage: KLANTSTEM_BENCH_KEY=KEY wrk -s batch.lua URL -- RUN_ID   (see common.lua; bench/ingest/run drives it)
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "common.lua").install("batch", 100)
