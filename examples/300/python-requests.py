# 300 Multiple Choices: the resource has several representations and the client may pick one
# (RFC 9110 §15.4.1).
# requests follows redirects by default; allow_redirects=False shows the redirect itself.
import requests

response = requests.get("http://localhost:4321/api/status/300", allow_redirects=False)
print(response.status_code, response.reason)
print("Location:", response.headers.get("Location"))
print(response.text)
