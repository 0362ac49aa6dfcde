# 418 is unused (RFC 9110 §15.5.19): RFC 2324's teapot was an April Fools' joke, and the code is
# reserved so that nobody registers it.
import requests

response = requests.get("http://localhost:4321/api/status/418")
print(response.status_code, response.reason)
print(response.text)
