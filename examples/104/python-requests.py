# 104 Upload Resumption Supported is a temporary registration for resumable uploads
# (draft-ietf-httpbis-resumable-upload).
# A 1xx is interim, never the final response (RFC 9110 §15.2), so status/104 cannot answer
# with one: it sends the final 200, with the code asked for in X-Requested-Status. requests
# could not show a 1xx anyway: http.client reads past interim responses.
import requests

response = requests.get("http://localhost:4321/api/status/104")
print(response.status_code, response.reason)
print("X-Requested-Status:", response.headers.get("X-Requested-Status"))
print(response.text)
