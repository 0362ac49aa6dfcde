# 508 Loop Detected: the server met an infinite loop while handling a Depth: infinity request
# (RFC 5842 §7.2).
curl -sS -i http://localhost:4321/api/status/508
