# 226 IM Used: the content is the result of instance manipulations, such as a delta, applied to the
# current instance (RFC 3229 §10.4.1).
import requests

response = requests.get("http://localhost:4321/api/status/226")
print(response.status_code, response.reason)
print(response.text)
