# 502 Bad Gateway: a gateway or proxy got an invalid response from the server behind it (RFC 9110
# §15.6.3).
import requests

response = requests.get("http://localhost:4321/api/status/502")
print(response.status_code, response.reason)
print(response.text)
