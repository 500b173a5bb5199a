-- wrk script: GET /healthz: the reference for what this machine and this server's HTTP layer can do in the same run.
-- Usage: KLANTSTEM_BENCH_KEY=KEY wrk -s healthz.lua URL -- RUN_ID   (see common.lua; bench/ingest/run drives it)
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "common.lua").install("healthz", 0)
