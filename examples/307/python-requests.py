# 307 Temporary Redirect: send the same request, same method and content, to the URI in Location
# (RFC 9110 §15.4.8).
# requests follows redirects by default; allow_redirects=False shows the redirect itself.
import requests

response = requests.get("http://localhost:4321/api/status/307", allow_redirects=False)
print(response.status_code, response.reason)
print("Location:", response.headers.get("Location"))
print(response.text)
