# 409 Conflict: the PUT conflicts with the resource's current state, such as an edit of an outdated
# version (RFC 9110 §15.5.10).
import requests

response = requests.put("http://localhost:4321/api/status/409", json={"title": "Quarterly report"})
print(response.status_code, response.reason)
print(response.text)
