# 414 URI Too Long: the target URI is longer than the server will interpret (RFC 9110 §15.5.15).
import requests

response = requests.get("http://localhost:4321/api/status/414")
print(response.status_code, response.reason)
print(response.text)
