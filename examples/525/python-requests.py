# Cloudflare's edge sends this code when the origin server behind it failed the TLS handshake; the
# origin never sends it. It is not registered: a client treats it as 500 (RFC 9110 §15). The sandbox
# sends the bare number so you can see what a client makes of it.
import requests

response = requests.get("http://localhost:4321/api/status/525")
print(response.status_code, response.reason)
print(response.text)
