# 503 Service Unavailable: overload or maintenance, for now; Retry-After says when to come back
# (RFC 9110 §15.6.4).
curl -sS -i http://localhost:4321/api/status/503
