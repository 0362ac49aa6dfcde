# 400 Bad Request: the server will not process what it sees as a client error, such as malformed
# syntax (RFC 9110 §15.5.1).
import requests

response = requests.get("http://localhost:4321/api/status/400")
print(response.status_code, response.reason)
print(response.text)
