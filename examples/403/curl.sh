# 403 Forbidden: the server understood the request and refuses it; other credentials will not change
# that (RFC 9110 §15.5.4).
curl -sS -i http://localhost:4321/api/status/403
