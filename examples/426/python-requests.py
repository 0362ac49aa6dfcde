# 426 Upgrade Required: the server needs another protocol first, named in Upgrade (RFC 9110
# §15.5.22).
import requests

response = requests.get("http://localhost:4321/api/status/426")
print(response.status_code, response.reason)
print("Upgrade:", response.headers.get("Upgrade"))
print(response.text)
