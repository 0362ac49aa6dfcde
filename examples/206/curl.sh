# 206 Partial Content answers a Range request with only the bytes asked for, described by
# Content-Range (RFC 9110 §15.3.7).
curl -sS -i -H 'Range: bytes=0-15' http://localhost:4321/api/status/206
