# 444 is never sent: nginx's `return 444;` closes the connection without any response, and 444 shows
# only in its log. The sandbox sends the bare number so you can see how a client treats an unknown
# 4xx (as 400, RFC 9110 §15).
import requests

response = requests.get("http://localhost:4321/api/status/444")
print(response.status_code, response.reason)
print(response.text)
