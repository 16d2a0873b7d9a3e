-- wrk's request for bench/http/run.sh: a POST of a message shaped like seed 002's (fixed: wrk does no per-request JSON).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"user_id":4242,"channel_id":42,"content":"load test message 123456 k3j5h6g7f8d9"}'
