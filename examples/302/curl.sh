# 302 Found: the resource is for now at the URI in Location; keep using the original one (RFC 9110
# §15.4.3).
# -i shows the redirect itself: curl follows Location only when asked to, with -L.
curl -sS -i http://localhost:4321/api/status/302
