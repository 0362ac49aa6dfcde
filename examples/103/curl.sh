# 103 Early Hints carries Link fields ahead of the final response, so a browser can start preloading
# (RFC 8297).
# A 1xx is interim, never the final response (RFC 9110 §15.2), so status/103 cannot answer
# with one: it sends the final 200, with the code asked for in X-Requested-Status.
curl -sS -i http://localhost:4321/api/status/103
