# 203 Non-Authoritative Information: a transforming proxy changed the origin's 200 response
# (RFC 9110 §15.3.4).
import requests

response = requests.get("http://localhost:4321/api/status/203")
print(response.status_code, response.reason)
print(response.text)
