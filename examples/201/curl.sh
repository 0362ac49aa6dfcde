# 201 Created after a POST: Location names the new resource (RFC 9110 §15.3.2).
curl -sS -i --json '{"title": "Quarterly report"}' http://localhost:4321/api/status/201
