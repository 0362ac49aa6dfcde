# 202 Accepted: the request was queued, not yet acted upon, and may still fail (RFC 9110 §15.3.3).
import requests

response = requests.post(
    "http://localhost:4321/api/status/202",
    json={"title": "Quarterly report"},
)
print(response.status_code, response.reason)
print(response.text)
