# 304 Not Modified: the copy whose ETag the client sent in If-None-Match is still current, so no
# content is sent (RFC 9110 §15.4.5).
curl -sS -i -H 'If-None-Match: "33a64df5"' http://localhost:4321/api/status/304
