# 410 Gone: the resource is gone for good, and the server knows it (RFC 9110 §15.5.11).
import requests

response = requests.get("http://localhost:4321/api/status/410")
print(response.status_code, response.reason)
print(response.text)
