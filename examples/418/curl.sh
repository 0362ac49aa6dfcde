# 418 is unused (RFC 9110 §15.5.19): RFC 2324's teapot was an April Fools' joke, and the code is
# reserved so that nobody registers it.
curl -sS -i http://localhost:4321/api/status/418
