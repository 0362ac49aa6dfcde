# 500 Internal Server Error: the server hit a condition it did not expect (RFC 9110 §15.6.1).
curl -sS -i http://localhost:4321/api/status/500
