# 413 Content Too Large: the content is larger than the server is willing to process (RFC 9110
# §15.5.14).
import requests

response = requests.post(
    "http://localhost:4321/api/status/413",
    json={"title": "Quarterly report"},
)
print(response.status_code, response.reason)
print(response.text)
