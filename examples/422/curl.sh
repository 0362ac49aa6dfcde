# 422 Unprocessable Content: the content is well-formed, but its instructions cannot be carried out
# (RFC 9110 §15.5.21).
curl -sS -i --json '{"title": "Quarterly report"}' http://localhost:4321/api/status/422
