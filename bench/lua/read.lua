-- GET a random commitment.
local report = dofile(os.getenv("BENCH_LUA") .. "/report.lua")
local targets

function init(args)
  targets = report.targets()
  math.randomseed(os.time() + (tonumber(tostring({}):match("0x(%x+)"), 16) or 0))
end

function request()
  return wrk.format("GET", "/api/commitments/" .. targets[math.random(#targets)].id)
end

done = report.done
