-- GET the public site's page of a random commitment (the signature page), in English.
local report = dofile(os.getenv("BENCH_LUA") .. "/report.lua")
local targets

function init(args)
  targets = report.targets()
  math.randomseed(os.time() + (tonumber(tostring({}):match("0x(%x+)"), 16) or 0))
end

function request()
  return wrk.format("GET", "/commitments/" .. targets[math.random(#targets)].id .. "?lang=en")
end

done = report.done
