# 421 Misdirected Request: this server cannot answer for the target URI, typically on a reused
# connection; retry on a new one (RFC 9110 §15.5.20).
import requests

response = requests.get("http://localhost:4321/api/status/421")
print(response.status_code, response.reason)
print(response.text)
