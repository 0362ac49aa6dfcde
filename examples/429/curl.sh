# 429 Too Many Requests: slow down; Retry-After says how many seconds to wait (RFC 6585 §4).
curl -sS -i http://localhost:4321/api/status/429
