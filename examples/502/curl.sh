# 502 Bad Gateway: a gateway or proxy got an invalid response from the server behind it (RFC 9110
# §15.6.3).
curl -sS -i http://localhost:4321/api/status/502
