dofile((os.getenv("BENCH_DIR") or "bench") .. "/statuses.lua")
-- wrk: password log-ins, each connection cycling through the benchmark's users
-- (BENCH_USERS: a file of "user_id password" lines).
local users = {}
for line in io.lines(os.getenv("BENCH_USERS")) do
  local id, password = line:match("^(%S+) (%S+)$")
  if id then users[#users + 1] = '{"user_id":"' .. id .. '","password":"' .. password .. '"}' end
end
local n = 0
request = function()
  n = n + 1
  return wrk.format("POST", "/api/auth/login", {
    ["Content-Type"] = "application/json",
    ["x-ccass-request"] = "1",
  }, users[(n % #users) + 1])
end
