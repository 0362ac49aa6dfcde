# 426 Upgrade Required: the server needs another protocol first, named in Upgrade (RFC 9110
# §15.5.22).
curl -sS -i http://localhost:4321/api/status/426
