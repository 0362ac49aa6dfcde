# 510 Not Extended is obsoleted: the extension framework of RFC 2774 it belongs to is historic.
import requests

response = requests.get("http://localhost:4321/api/status/510")
print(response.status_code, response.reason)
print(response.text)
