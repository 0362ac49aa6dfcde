# 411 Length Required: the server refuses content sent without Content-Length (RFC 9110 §15.5.12).
curl -sS -i --json '{"title": "Quarterly report"}' http://localhost:4321/api/status/411
