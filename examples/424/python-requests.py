# 424 Failed Dependency: the method failed because an action it depended on failed (RFC 4918 §11.4).
import requests

response = requests.get("http://localhost:4321/api/status/424")
print(response.status_code, response.reason)
print(response.text)
