# 403 Forbidden: the server understood the request and refuses it; other credentials will not change
# that (RFC 9110 §15.5.4).
import requests

response = requests.get("http://localhost:4321/api/status/403")
print(response.status_code, response.reason)
print(response.text)
