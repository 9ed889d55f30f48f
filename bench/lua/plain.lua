-- The URL given to wrk, unchanged (the bare endpoint, search URLs): only the report.
local report = dofile(os.getenv("BENCH_LUA") .. "/report.lua")
done = report.done
