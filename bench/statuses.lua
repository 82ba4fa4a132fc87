-- Shared by the wrk scripts: counts answers by status and prints "status N: count" at the end.
local threads = {}
function setup(thread)
  table.insert(threads, thread)
end
function init(args)
  statuses = {}
end
function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end
function done(summary, latency, requests)
  local all = {}
  for _, thread in ipairs(threads) do
    local counts = thread:get("statuses")
    for status, count in pairs(counts) do
      all[status] = (all[status] or 0) + count
    end
  end
  for status, count in pairs(all) do
    io.write(string.format("status %d: %d\n", status, count))
  end
end
