# 306 is reserved and unused (RFC 9110 §15.4.7); no server should send it, and a client treats it as
# 300.
curl -sS -i http://localhost:4321/api/status/306
