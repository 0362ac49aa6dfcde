# 506 Variant Also Negotiates: the server's transparent content negotiation is misconfigured
# (RFC 2295 §8.1).
curl -sS -i http://localhost:4321/api/status/506
