-- POST the GraphQL document in the file BENCH_QUERY to /graphql.
local report = dofile(os.getenv("BENCH_LUA") .. "/report.lua")

local function json_string(s)
  return '"' .. s:gsub('\\', '\\\\'):gsub('"', '\\"'):gsub('\n', '\\n') .. '"'
end

local file = io.open(os.getenv("BENCH_QUERY"))
wrk.method = "POST"
wrk.path = "/graphql"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"query":' .. json_string(file:read("*a")) .. '}'
file:close()

done = report.done
