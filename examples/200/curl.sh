# 200 OK: for a GET, the content is the representation of the target resource (RFC 9110 §15.3.1).
curl -sS -i http://localhost:4321/api/status/200
