# 511 Network Authentication Required: a captive portal wants you to log in to the network first
# (RFC 6585 §6).
curl -sS -i http://localhost:4321/api/status/511
