# 416 Range Not Satisfiable: the range asked for lies past the end; Content-Range gives the length
# (RFC 9110 §15.5.17).
import requests

response = requests.get("http://localhost:4321/api/status/416", headers={"Range": "bytes=1000-"})
print(response.status_code, response.reason)
print("Content-Range:", response.headers.get("Content-Range"))
print(response.text)
