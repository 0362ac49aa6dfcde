# 301 Moved Permanently: use the URI in Location from now on (RFC 9110 §15.4.2).
# -i shows the redirect itself: curl follows Location only when asked to, with -L.
curl -sS -i http://localhost:4321/api/status/301
