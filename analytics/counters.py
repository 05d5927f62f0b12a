"""The live counters in Redis, written and read by Lua so a view costs one round trip.

Per portal t, under <REDIS_KEY_PREFIX>:an:<t>: …
  d          hash of deltas not yet flushed to SQL:
               pv:<page>          views of a page          pd:<page>:<day>  views of a page that day
               p:<day>            page views that day      v:<day>          visits that day
               t, w:<week>, m:<month>, y:<year>            visits in all time / that period
  c, cid     the delta a flush has claimed, and that flush's id (see analytics.flush)
  f          floors: what SQL already holds for t, w:*, m:*, y:*, pv:* (plus 'seeded')
  fver       bumped by every change to the floors, so a reseed never overwrites a newer one
  rl:<visitor>:<page>   a reload guard (30 minutes)      vs:<visitor>  the visit (30 minutes idle)
  on         visitors seen in the last 5 minutes (sorted by time)
  u:<day>    that day's unique visitors (HyperLogLog)

What a reader sees is floor + delta + claimed, so a flush in progress never makes a
number dip, and the live number never falls below what SQL holds.
"""

RECORD_FUNCTION = """
local function record(base, visitor, page, now, day, week, month, year, reload_ttl, visit_ttl, online_window)
  local d = base .. 'd'
  local counted = 0
  if redis.call('SET', base .. 'rl:' .. visitor .. ':' .. page, '1', 'EX', reload_ttl, 'NX') then
    counted = 1
    redis.call('HINCRBY', d, 'pv:' .. page, 1)
    redis.call('HINCRBY', d, 'pd:' .. page .. ':' .. day, 1)
    redis.call('HINCRBY', d, 'p:' .. day, 1)
  end
  local visit_key = base .. 'vs:' .. visitor
  if redis.call('SET', visit_key, '1', 'EX', visit_ttl, 'NX') then
    for _, field in ipairs({'t', 'w:' .. week, 'm:' .. month, 'y:' .. year, 'v:' .. day}) do
      redis.call('HINCRBY', d, field, 1)
    end
  else
    redis.call('EXPIRE', visit_key, visit_ttl)
  end
  redis.call('ZADD', base .. 'on', now, visitor)
  -- Readers count only recent members (ZCOUNT), so trimming the set can wait: doing it
  -- on one view in eight keeps it small at an eighth of the cost.
  if math.random(8) == 1 then
    redis.call('ZREMRANGEBYSCORE', base .. 'on', '-inf', now - online_window)
    redis.call('EXPIRE', base .. 'on', online_window * 2)
  end
  if redis.call('PFADD', base .. 'u:' .. day, visitor) == 1 then
    redis.call('EXPIRE', base .. 'u:' .. day, 259200)
  end
  return counted
end

local function numbers(base, page, now, week, month, year, online_window)
  local fields = {'t', 'w:' .. week, 'm:' .. month, 'y:' .. year, 'pv:' .. page}
  local floor = redis.call('HMGET', base .. 'f', 'seeded', unpack(fields))
  local delta = redis.call('HMGET', base .. 'd', unpack(fields))
  local claimed = redis.call('HMGET', base .. 'c', unpack(fields))
  local out = {floor[1] or '0', redis.call('ZCOUNT', base .. 'on', now - online_window, '+inf')}
  for i = 1, #fields do
    out[#out + 1] = (tonumber(floor[i + 1]) or 0) + (tonumber(delta[i]) or 0) + (tonumber(claimed[i]) or 0)
  end
  return out
end

-- The analytics arguments, in the order of ANALYTICS_ARGS, taken from ARGV[first + 1]
-- on: count this view of `page` (when asked to) and read the live numbers.
local function count_and_read(first, page)
  local base, count, visitor, _, now, day, week, month, year, reload_ttl, visit_ttl, online_window =
    unpack(ARGV, first + 1, first + 12)
  local counted = 0
  if count == '1' and page ~= '' then
    counted = record(base, visitor, page, tonumber(now), day, week, month, year,
                     tonumber(reload_ttl), tonumber(visit_ttl), tonumber(online_window))
  end
  return counted, numbers(base, page, tonumber(now), week, month, year, tonumber(online_window))
end
"""

# The arguments every script that counts takes (analytics.recorder.Recorder.script_args
# builds them; count_and_read above unpacks them). A script puts its own first.
ANALYTICS_ARGS = (
    "base", "count", "visitor", "page", "now", "day", "week", "month", "year",
    "reload_ttl", "visit_ttl", "online_window",
)  # fmt: skip

RECORD_AND_READ_SCRIPT = (
    RECORD_FUNCTION
    + """
local counted, result = count_and_read(0, ARGV[4])
table.insert(result, 1, counted)
return result
"""
)
