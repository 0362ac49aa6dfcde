# 208 Already Reported stands inside a 207 body so that a binding's members are not listed twice
# (RFC 5842 §7.1).
import requests

response = requests.get("http://localhost:4321/api/status/208")
print(response.status_code, response.reason)
print(response.text)
