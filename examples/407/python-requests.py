# 407 Proxy Authentication Required: a proxy wants credentials; its challenge is in
# Proxy-Authenticate (RFC 9110 §15.5.8).
import requests

response = requests.get("http://localhost:4321/api/status/407")
print(response.status_code, response.reason)
print("Proxy-Authenticate:", response.headers.get("Proxy-Authenticate"))
print(response.text)
