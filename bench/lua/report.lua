-- Shared by every wrk script: one JSON line with the rate, the latency percentiles (ms) and the failures.
local M = {}

function M.done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"seconds":%.2f,"rps":%.1f,"p50":%.2f,"p95":%.2f,"p99":%.2f,"max":%.2f,"non2xx":%d,"socketErrors":%d}\n',
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.status, e.connect + e.read + e.write + e.timeout))
end

-- Lines of the targets file: "<commitmentId> <milestoneId>".
function M.targets()
  local list = {}
  for line in io.lines(os.getenv("BENCH_TARGETS")) do
    local id, milestone = line:match("^(%S+)%s+(%S+)")
    if id then list[#list + 1] = { id = id, milestone = milestone } end
  end
  return list
end

return M
