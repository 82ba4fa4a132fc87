dofile((os.getenv("BENCH_DIR") or "bench") .. "/statuses.lua")
-- wrk: code exchanges (issue 28), as a relying party makes them for a signed-in person. Each
-- connection asks the authorization endpoint for a code (single sign-on: a 302 back with it),
-- then exchanges the code at the token endpoint (client_secret_basic, PKCE), which signs an ID
-- token. Codes go round the thread's connections: any code of this session serves any of them.
-- BENCH_AUTHORIZE: the authorization request's path; BENCH_COOKIE: the session's cookies;
-- BENCH_BASIC: the client's Basic credentials; BENCH_TOKEN_BODY: the form without the code.
local authorize = os.getenv("BENCH_AUTHORIZE")
local cookie = os.getenv("BENCH_COOKIE")
local basic = os.getenv("BENCH_BASIC")
local token_body = os.getenv("BENCH_TOKEN_BODY")
local codes = {}
local counted = response

request = function()
  local code = table.remove(codes)
  if code then
    return wrk.format("POST", "/oidc/token", {
      ["Content-Type"] = "application/x-www-form-urlencoded",
      ["Authorization"] = "Basic " .. basic,
    }, token_body .. "&code=" .. code)
  end
  return wrk.format("GET", authorize, { ["Cookie"] = cookie })
end

response = function(status, headers, body)
  counted(status, headers, body)
  if status == 302 then
    local code = (headers["Location"] or headers["location"] or ""):match("[?&]code=([^&]+)")
    if code then table.insert(codes, code) end
  end
end
