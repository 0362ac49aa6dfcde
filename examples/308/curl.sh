# 308 Permanent Redirect: like 301, but the method and content must not change (RFC 9110 §15.4.9).
# -i shows the redirect itself: curl follows Location only when asked to, with -L.
curl -sS -i http://localhost:4321/api/status/308
