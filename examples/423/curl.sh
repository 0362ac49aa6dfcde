# 423 Locked: the resource is locked, as a WebDAV LOCK does (RFC 4918 §11.3).
curl -sS -i http://localhost:4321/api/status/423
