-- Rotate requests over (host, path, marker) targets, one connection per wrk thread so
-- each response is matched to its request, and check every body names the portal
-- it was asked for. Requests look like a phone browser behind a proxy. Targets come from the file named by the TARGETS env variable:
-- one "host<TAB>path<TAB>marker" line each. Prints one JSON line at the end.

local targets = {}
for line in io.lines(os.getenv("TARGETS")) do
  local host, path, marker = line:match("([^\t]+)\t([^\t]+)\t(.+)")
  targets[#targets + 1] = {host = host, path = path, marker = marker}
end

local threads = {}

function setup(thread)
  thread:set("id", #threads)
  threads[#threads + 1] = thread
end

function init(args)
  position = id * 7919 % #targets
  expected = nil
  mismatches = 0
  checked = 0
  stale = 0
  misses = 0
end

-- RUN is new for every wrk run (page_cache.wrk sets it): without it the next run would
-- send the same readers again, and their views would fall under the reload guard.
local agent = "Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 Chrome/120.0 Mobile Safari/537.36 run/"
  .. (os.getenv("RUN") or "0")
local sent = 0

function request()
  position = position % #targets + 1
  expected = targets[position]
  sent = sent + 1
  -- A new reader each time (the proxy address is trusted by the bench's servers):
  -- every view is counted as a new visitor, the most work counting can cost.
  local address = string.format("10.%d.%d.%d", id, math.floor(sent / 250) % 250, sent % 250)
  return wrk.format("GET", expected.path, {
    Host = expected.host, ["Accept-Encoding"] = "identity", ["User-Agent"] = agent, ["X-Forwarded-For"] = address,
  })
end

function response(status, headers, body)
  checked = checked + 1
  local cache = headers["X-Cache"]
  if cache == "STALE" then stale = stale + 1 elseif cache ~= "HIT" then misses = misses + 1 end
  if status ~= 200 or not body:find(expected.marker, 1, true) then
    mismatches = mismatches + 1
  end
end

function done(summary, latency, requests)
  local bad, total, stale_total, miss_total = 0, 0, 0, 0
  for _, thread in ipairs(threads) do
    bad = bad + thread:get("mismatches")
    total = total + thread:get("checked")
    stale_total = stale_total + thread:get("stale")
    miss_total = miss_total + thread:get("misses")
  end
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "rps": %.1f, "p50_ms": %.3f, "p99_ms": %.3f, "errors": %d, "checked": %d, "mismatches": %d, "stale": %d, "misses": %d}\n',
    summary.requests, summary.duration, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout,
    total, bad, stale_total, miss_total))
end
