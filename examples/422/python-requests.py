# 422 Unprocessable Content: the content is well-formed, but its instructions cannot be carried out
# (RFC 9110 §15.5.21).
import requests

response = requests.post(
    "http://localhost:4321/api/status/422",
    json={"title": "Quarterly report"},
)
print(response.status_code, response.reason)
print(response.text)
