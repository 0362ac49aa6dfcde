# 415 Unsupported Media Type: this resource does not take content in the format sent (RFC 9110
# §15.5.16).
curl -sS -i --json '{"title": "Quarterly report"}' http://localhost:4321/api/status/415
