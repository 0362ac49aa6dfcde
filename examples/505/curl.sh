# 505 HTTP Version Not Supported: the server does not support the major version of HTTP the request
# used (RFC 9110 §15.6.6).
curl -sS -i http://localhost:4321/api/status/505
