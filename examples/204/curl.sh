# 204 No Content: the PUT succeeded and there is no content to send; a client keeps its current view
# (RFC 9110 §15.3.5).
curl -sS -i -X PUT --json '{"title": "Quarterly report"}' http://localhost:4321/api/status/204
