# 302 Found: the resource is for now at the URI in Location; keep using the original one (RFC 9110
# §15.4.3).
# requests follows redirects by default; allow_redirects=False shows the redirect itself.
import requests

response = requests.get("http://localhost:4321/api/status/302", allow_redirects=False)
print(response.status_code, response.reason)
print("Location:", response.headers.get("Location"))
print(response.text)
