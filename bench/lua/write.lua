-- POST a milestone progress report to a random commitment (never a withdrawn one), as a PoC key.
local report = dofile(os.getenv("BENCH_LUA") .. "/report.lua")
local targets, key
local counter = 0

function init(args)
  targets = report.targets()
  key = os.getenv("BENCH_KEY")
  math.randomseed(os.time() + (tonumber(tostring({}):match("0x(%x+)"), 16) or 0))
end

function request()
  local t = targets[math.random(#targets)]
  counter = counter + 1
  local body = string.format('{"percent":%d,"note":"bench report %d"}', math.random(1, 99), counter)
  return wrk.format("POST", "/api/commitments/" .. t.id .. "/milestones/" .. t.milestone .. "/progress",
    { ["Content-Type"] = "application/json", ["X-Api-Key"] = key }, body)
end

done = report.done
