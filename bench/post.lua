dofile((os.getenv("BENCH_DIR") or "bench") .. "/statuses.lua")
-- wrk: one POST, again and again (BENCH_PATH, BENCH_BODY, BENCH_COOKIE).
wrk.method = "POST"
wrk.path = os.getenv("BENCH_PATH")
wrk.body = os.getenv("BENCH_BODY")
wrk.headers["Content-Type"] = "application/json"
wrk.headers["x-ccass-request"] = "1"
wrk.headers["Cookie"] = os.getenv("BENCH_COOKIE")
