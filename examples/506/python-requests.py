# 506 Variant Also Negotiates: the server's transparent content negotiation is misconfigured
# (RFC 2295 §8.1).
import requests

response = requests.get("http://localhost:4321/api/status/506")
print(response.status_code, response.reason)
print(response.text)
