# 100 Continue tells a client that sent "Expect: 100-continue" to go on and send the content
# (RFC 9110 §15.2.1).
# requests cannot wait for "100 Continue": it sends the body at once, and http.client skips the
# interim 100 the server answers with, so only the final response shows.
import requests

response = requests.post(
    "http://localhost:4321/api/status/100",
    data=b"hello",
    headers={"Expect": "100-continue"},
)
print(response.status_code, response.reason)
print("X-Requested-Status:", response.headers.get("X-Requested-Status"))
print(response.text)
