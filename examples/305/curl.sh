# 305 Use Proxy is deprecated (RFC 9110 §15.4.6): clients ignore it, and servers should not send it.
curl -sS -i http://localhost:4321/api/status/305
