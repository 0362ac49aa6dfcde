# 501 Not Implemented: the server does not support what the request needs, for instance its method,
# for any resource (RFC 9110 §15.6.2).
import requests

response = requests.get("http://localhost:4321/api/status/501")
print(response.status_code, response.reason)
print(response.text)
