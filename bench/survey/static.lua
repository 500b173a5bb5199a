-- wrk script: GET one static path (nginx serving a copy of a survey page).
-- Usage: wrk -s static.lua URL -- WRK_THREADS   (see common.lua; bench/survey/run drives it)
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "common.lua").install("static")
