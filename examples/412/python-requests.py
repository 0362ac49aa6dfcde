# 412 Precondition Failed: the If-Match condition was false on the server, so the PUT was not
# applied (RFC 9110 §15.5.13).
import requests

response = requests.put(
    "http://localhost:4321/api/status/412",
    json={"title": "Quarterly report"},
    headers={"If-Match": '"v1"'},
)
print(response.status_code, response.reason)
print(response.text)
