# 400 Bad Request: the server will not process what it sees as a client error, such as malformed
# syntax (RFC 9110 §15.5.1).
curl -sS -i http://localhost:4321/api/status/400
