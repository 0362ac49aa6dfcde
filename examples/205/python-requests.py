# 205 Reset Content: the client should reset the form or view that sent the request; the response
# has no content (RFC 9110 §15.3.6).
import requests

response = requests.post(
    "http://localhost:4321/api/status/205",
    json={"title": "Quarterly report"},
)
print(response.status_code, response.reason)
