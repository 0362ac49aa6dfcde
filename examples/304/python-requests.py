# 304 Not Modified: the copy whose ETag the client sent in If-None-Match is still current, so no
# content is sent (RFC 9110 §15.4.5).
import requests

response = requests.get(
    "http://localhost:4321/api/status/304",
    headers={"If-None-Match": '"33a64df5"'},
)
print(response.status_code, response.reason)
print("ETag:", response.headers.get("ETag"))
