# 500 Internal Server Error: the server hit a condition it did not expect (RFC 9110 §15.6.1).
import requests

response = requests.get("http://localhost:4321/api/status/500")
print(response.status_code, response.reason)
print(response.text)
