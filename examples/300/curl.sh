# 300 Multiple Choices: the resource has several representations and the client may pick one
# (RFC 9110 §15.4.1).
# -i shows the redirect itself: curl follows Location only when asked to, with -L.
curl -sS -i http://localhost:4321/api/status/300
