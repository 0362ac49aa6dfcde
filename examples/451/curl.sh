# 451 Unavailable For Legal Reasons: a legal demand blocks the resource; Link with rel="blocked-by"
# names who blocks it (RFC 7725 §3, §4).
curl -sS -i http://localhost:4321/api/status/451
