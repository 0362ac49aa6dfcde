# 417 Expectation Failed: the server cannot meet the request's Expect field (RFC 9110 §15.5.18).
import requests

response = requests.get("http://localhost:4321/api/status/417")
print(response.status_code, response.reason)
print(response.text)
