# 428 Precondition Required: the server wants this PUT made conditional, with If-Match, to prevent
# lost updates (RFC 6585 §3).
curl -sS -i -X PUT --json '{"title": "Quarterly report"}' http://localhost:4321/api/status/428
