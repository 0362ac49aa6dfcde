# 424 Failed Dependency: the method failed because an action it depended on failed (RFC 4918 §11.4).
curl -sS -i http://localhost:4321/api/status/424
