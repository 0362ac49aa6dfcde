# 303 See Other after a POST: the answer is at Location, to be fetched with GET (RFC 9110 §15.4.4).
# requests follows redirects by default; allow_redirects=False shows the redirect itself.
import requests

response = requests.post(
    "http://localhost:4321/api/status/303",
    json={"title": "Quarterly report"},
    allow_redirects=False,
)
print(response.status_code, response.reason)
print("Location:", response.headers.get("Location"))
print(response.text)
