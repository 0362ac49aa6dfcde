# 411 Length Required: the server refuses content sent without Content-Length (RFC 9110 §15.5.12).
import requests

response = requests.post(
    "http://localhost:4321/api/status/411",
    json={"title": "Quarterly report"},
)
print(response.status_code, response.reason)
print(response.text)
