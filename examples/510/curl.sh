# 510 Not Extended is obsoleted: the extension framework of RFC 2774 it belongs to is historic.
curl -sS -i http://localhost:4321/api/status/510
