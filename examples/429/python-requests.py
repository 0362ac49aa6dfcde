# 429 Too Many Requests: slow down; Retry-After says how many seconds to wait (RFC 6585 §4).
import requests

response = requests.get("http://localhost:4321/api/status/429")
print(response.status_code, response.reason)
print("Retry-After:", response.headers.get("Retry-After"))
print(response.text)
