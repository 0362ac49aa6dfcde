# 425 Too Early: the server will not risk processing a request that may be replayed from TLS early
# data (RFC 8470 §5.2).
curl -sS -i http://localhost:4321/api/status/425
