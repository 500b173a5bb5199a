-- wrk script: GET /s/<token>, round robin over the invitation links in TOKENS_FILE.
-- Usage: wrk -s page.lua URL -- WRK_THREADS TOKENS_FILE   (see common.lua; bench/survey/run drives it)
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "common.lua").install("page")
