# 208 Already Reported stands inside a 207 body so that a binding's members are not listed twice
# (RFC 5842 §7.1).
curl -sS -i http://localhost:4321/api/status/208
