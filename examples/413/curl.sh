# 413 Content Too Large: the content is larger than the server is willing to process (RFC 9110
# §15.5.14).
curl -sS -i --json '{"title": "Quarterly report"}' http://localhost:4321/api/status/413
