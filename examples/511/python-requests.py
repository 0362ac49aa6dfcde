# 511 Network Authentication Required: a captive portal wants you to log in to the network first
# (RFC 6585 §6).
import requests

response = requests.get("http://localhost:4321/api/status/511")
print(response.status_code, response.reason)
print(response.text)
