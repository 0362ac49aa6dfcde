# 409 Conflict: the PUT conflicts with the resource's current state, such as an edit of an outdated
# version (RFC 9110 §15.5.10).
curl -sS -i -X PUT --json '{"title": "Quarterly report"}' http://localhost:4321/api/status/409
