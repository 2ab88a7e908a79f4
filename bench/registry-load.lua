-- wrk script for bench/registry-load.sh: GET /schemas/ids/{id}, rotating over the registered ids.
-- Each thread starts at a different offset so that connections do not walk the ids in lockstep.
local ids = {}
local next_index = 1

function init(args)
  for line in io.lines(args[1]) do
    if line ~= "" then ids[#ids + 1] = line end
  end
  next_index = math.random(#ids)
end

function request()
  next_index = next_index % #ids + 1
  return wrk.format("GET", "/schemas/ids/" .. ids[next_index])
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local non2xx = summary.errors.status
  io.write(string.format("RESULT requests=%d seconds=%.1f rps=%.0f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f non2xx=%d socket_errors=%d\n",
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    non2xx, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
