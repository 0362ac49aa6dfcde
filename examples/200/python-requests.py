# 200 OK: for a GET, the content is the representation of the target resource (RFC 9110 §15.3.1).
import requests

response = requests.get("http://localhost:4321/api/status/200")
print(response.status_code, response.reason)
print(response.text)
