# 405 Method Not Allowed: the server knows DELETE, but this resource does not support it; Allow
# lists what it does (RFC 9110 §15.5.6).
curl -sS -i -X DELETE http://localhost:4321/api/status/405
