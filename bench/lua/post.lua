-- POST an empty body to the URL given to wrk (the bare insert endpoint): only the report.
local report = dofile(os.getenv("BENCH_LUA") .. "/report.lua")
wrk.method = "POST"
done = report.done
