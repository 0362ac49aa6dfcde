# Cloudflare's edge sends this code when the origin server behind it presented a certificate that
# does not validate (SSL mode Full (strict)); the origin never sends it. It is not registered: a
# client treats it as 500 (RFC 9110 §15). The sandbox sends the bare number so you can see what a
# client makes of it.
curl -sS -i http://localhost:4321/api/status/526
