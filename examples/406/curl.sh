# 406 Not Acceptable: no representation matches the request's Accept fields (RFC 9110 §15.5.7).
curl -sS -i -H 'Accept: application/xml' http://localhost:4321/api/status/406
