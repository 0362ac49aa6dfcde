# 425 Too Early: the server will not risk processing a request that may be replayed from TLS early
# data (RFC 8470 §5.2).
import requests

response = requests.get("http://localhost:4321/api/status/425")
print(response.status_code, response.reason)
print(response.text)
