# 301 Moved Permanently: use the URI in Location from now on (RFC 9110 §15.4.2).
# requests follows redirects by default; allow_redirects=False shows the redirect itself.
import requests

response = requests.get("http://localhost:4321/api/status/301", allow_redirects=False)
print(response.status_code, response.reason)
print("Location:", response.headers.get("Location"))
print(response.text)
