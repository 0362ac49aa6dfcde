# 408 Request Timeout: the server gave up waiting for the rest of the request and closes the
# connection (RFC 9110 §15.5.9), hence "Connection: close".
import requests

response = requests.get("http://localhost:4321/api/status/408")
print(response.status_code, response.reason)
print("Connection:", response.headers.get("Connection"))
print(response.text)
