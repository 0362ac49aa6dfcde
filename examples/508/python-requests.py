# 508 Loop Detected: the server met an infinite loop while handling a Depth: infinity request
# (RFC 5842 §7.2).
import requests

response = requests.get("http://localhost:4321/api/status/508")
print(response.status_code, response.reason)
print(response.text)
