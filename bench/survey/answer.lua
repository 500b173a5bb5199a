-- wrk script: POST /s/<token> (the answer: score alone, then score + details, in turn), round robin over TOKENS_FILE.
-- Usage: wrk -s answer.lua URL -- WRK_THREADS TOKENS_FILE   (see common.lua; bench/survey/run drives it)
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "common.lua").install("answer")
