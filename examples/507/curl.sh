# 507 Insufficient Storage: the server cannot store what the request needs (RFC 4918 §11.5).
curl -sS -i http://localhost:4321/api/status/507
