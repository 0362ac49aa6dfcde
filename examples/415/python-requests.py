# 415 Unsupported Media Type: this resource does not take content in the format sent (RFC 9110
# §15.5.16).
import requests

response = requests.post(
    "http://localhost:4321/api/status/415",
    json={"title": "Quarterly report"},
)
print(response.status_code, response.reason)
print(response.text)
