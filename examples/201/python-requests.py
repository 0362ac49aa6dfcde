# 201 Created after a POST: Location names the new resource (RFC 9110 §15.3.2).
import requests

response = requests.post(
    "http://localhost:4321/api/status/201",
    json={"title": "Quarterly report"},
)
print(response.status_code, response.reason)
print("Location:", response.headers.get("Location"))
print(response.text)
