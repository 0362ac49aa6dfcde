# 412 Precondition Failed: the If-Match condition was false on the server, so the PUT was not
# applied (RFC 9110 §15.5.13).
curl -sS -i -X PUT -H 'If-Match: "v1"' --json '{"title": "Quarterly report"}' \
  http://localhost:4321/api/status/412
