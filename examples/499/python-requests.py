# 499 is never sent: nginx logs it when the client closed the connection before nginx could answer.
# The sandbox sends the bare number so you can see how a client treats an unknown 4xx (as 400,
# RFC 9110 §15).
import requests

response = requests.get("http://localhost:4321/api/status/499")
print(response.status_code, response.reason)
print(response.text)
