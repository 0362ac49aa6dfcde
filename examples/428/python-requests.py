# 428 Precondition Required: the server wants this PUT made conditional, with If-Match, to prevent
# lost updates (RFC 6585 §3).
import requests

response = requests.put("http://localhost:4321/api/status/428", json={"title": "Quarterly report"})
print(response.status_code, response.reason)
print(response.text)
