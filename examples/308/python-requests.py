# 308 Permanent Redirect: like 301, but the method and content must not change (RFC 9110 §15.4.9).
# requests follows redirects by default; allow_redirects=False shows the redirect itself.
import requests

response = requests.get("http://localhost:4321/api/status/308", allow_redirects=False)
print(response.status_code, response.reason)
print("Location:", response.headers.get("Location"))
print(response.text)
