# 431 Request Header Fields Too Large: one header field, or all of them together, are larger than
# the server accepts (RFC 6585 §5).
import requests

response = requests.get("http://localhost:4321/api/status/431")
print(response.status_code, response.reason)
print(response.text)
