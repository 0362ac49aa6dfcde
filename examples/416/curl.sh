# 416 Range Not Satisfiable: the range asked for lies past the end; Content-Range gives the length
# (RFC 9110 §15.5.17).
curl -sS -i -H 'Range: bytes=1000-' http://localhost:4321/api/status/416
