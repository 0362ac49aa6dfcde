# 505 HTTP Version Not Supported: the server does not support the major version of HTTP the request
# used (RFC 9110 §15.6.6).
import requests

response = requests.get("http://localhost:4321/api/status/505")
print(response.status_code, response.reason)
print(response.text)
