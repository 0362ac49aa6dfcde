# 101 Switching Protocols answers a request with Upgrade, such as a WebSocket handshake; after it
# the connection speaks the new protocol (RFC 9110 §15.2.2).
# A 1xx is interim, never the final response (RFC 9110 §15.2), so status/101 cannot answer
# with one: it sends the final 200, with the code asked for in X-Requested-Status. requests
# could not show a 1xx anyway: http.client reads past interim responses.
import requests

response = requests.get("http://localhost:4321/api/status/101")
print(response.status_code, response.reason)
print("X-Requested-Status:", response.headers.get("X-Requested-Status"))
print(response.text)
