# 307 Temporary Redirect: send the same request, same method and content, to the URI in Location
# (RFC 9110 §15.4.8).
# -i shows the redirect itself: curl follows Location only when asked to, with -L.
curl -sS -i http://localhost:4321/api/status/307
