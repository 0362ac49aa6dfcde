# 504 Gateway Timeout: a gateway or proxy got no answer in time from the server behind it (RFC 9110
# §15.6.5).
curl -sS -i http://localhost:4321/api/status/504
