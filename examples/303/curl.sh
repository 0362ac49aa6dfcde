# 303 See Other after a POST: the answer is at Location, to be fetched with GET (RFC 9110 §15.4.4).
# -i shows the redirect itself: curl follows Location only when asked to, with -L.
curl -sS -i --json '{"title": "Quarterly report"}' http://localhost:4321/api/status/303
