# 410 Gone: the resource is gone for good, and the server knows it (RFC 9110 §15.5.11).
curl -sS -i http://localhost:4321/api/status/410
