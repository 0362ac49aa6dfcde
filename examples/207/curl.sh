# 207 Multi-Status carries one status per resource in its body, as a WebDAV server answers PROPFIND
# (RFC 4918 §11.1).
curl -sS -i http://localhost:4321/api/status/207
