# 305 Use Proxy is deprecated (RFC 9110 §15.4.6): clients ignore it, and servers should not send it.
import requests

response = requests.get("http://localhost:4321/api/status/305")
print(response.status_code, response.reason)
print(response.text)
