# 402 Payment Required is reserved for future use (RFC 9110 §15.5.3); nothing says what a client
# should do.
curl -sS -i http://localhost:4321/api/status/402
