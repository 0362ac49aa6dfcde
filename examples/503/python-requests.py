# 503 Service Unavailable: overload or maintenance, for now; Retry-After says when to come back
# (RFC 9110 §15.6.4).
import requests

response = requests.get("http://localhost:4321/api/status/503")
print(response.status_code, response.reason)
print("Retry-After:", response.headers.get("Retry-After"))
print(response.text)
