# 451 Unavailable For Legal Reasons: a legal demand blocks the resource; Link with rel="blocked-by"
# names who blocks it (RFC 7725 §3, §4).
import requests

response = requests.get("http://localhost:4321/api/status/451")
print(response.status_code, response.reason)
print("Link:", response.headers.get("Link"))
print(response.text)
