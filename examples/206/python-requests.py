# 206 Partial Content answers a Range request with only the bytes asked for, described by
# Content-Range (RFC 9110 §15.3.7).
import requests

response = requests.get("http://localhost:4321/api/status/206", headers={"Range": "bytes=0-15"})
print(response.status_code, response.reason)
print("Content-Range:", response.headers.get("Content-Range"))
print(response.text)
