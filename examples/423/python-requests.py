# 423 Locked: the resource is locked, as a WebDAV LOCK does (RFC 4918 §11.3).
import requests

response = requests.get("http://localhost:4321/api/status/423")
print(response.status_code, response.reason)
print(response.text)
