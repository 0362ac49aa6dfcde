# 507 Insufficient Storage: the server cannot store what the request needs (RFC 4918 §11.5).
import requests

response = requests.get("http://localhost:4321/api/status/507")
print(response.status_code, response.reason)
print(response.text)
