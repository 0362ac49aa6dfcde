# 407 Proxy Authentication Required: a proxy wants credentials; its challenge is in
# Proxy-Authenticate (RFC 9110 §15.5.8).
curl -sS -i http://localhost:4321/api/status/407
