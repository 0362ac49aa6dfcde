# 404 Not Found: no current representation of the target, or the server will not say one exists
# (RFC 9110 §15.5.5).
import requests

response = requests.get("http://localhost:4321/api/status/404")
print(response.status_code, response.reason)
print(response.text)
