# 504 Gateway Timeout: a gateway or proxy got no answer in time from the server behind it (RFC 9110
# §15.6.5).
import requests

response = requests.get("http://localhost:4321/api/status/504")
print(response.status_code, response.reason)
print(response.text)
