# 405 Method Not Allowed: the server knows DELETE, but this resource does not support it; Allow
# lists what it does (RFC 9110 §15.5.6).
import requests

response = requests.delete("http://localhost:4321/api/status/405")
print(response.status_code, response.reason)
print("Allow:", response.headers.get("Allow"))
print(response.text)
