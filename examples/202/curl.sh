# 202 Accepted: the request was queued, not yet acted upon, and may still fail (RFC 9110 §15.3.3).
curl -sS -i --json '{"title": "Quarterly report"}' http://localhost:4321/api/status/202
