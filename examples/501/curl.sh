# 501 Not Implemented: the server does not support what the request needs, for instance its method,
# for any resource (RFC 9110 §15.6.2).
curl -sS -i http://localhost:4321/api/status/501
