# 406 Not Acceptable: no representation matches the request's Accept fields (RFC 9110 §15.5.7).
import requests

response = requests.get(
    "http://localhost:4321/api/status/406",
    headers={"Accept": "application/xml"},
)
print(response.status_code, response.reason)
print(response.text)
