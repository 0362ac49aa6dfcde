# 203 Non-Authoritative Information: a transforming proxy changed the origin's 200 response
# (RFC 9110 §15.3.4).
curl -sS -i http://localhost:4321/api/status/203
