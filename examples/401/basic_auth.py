# Ask once without credentials, read the challenge, then answer it with Basic credentials.
import requests

url = "http://localhost:4321/api/basic-auth/user/passwd"

first = requests.get(url)
print("First try:", first.status_code)
print("Challenge:", first.headers["WWW-Authenticate"])

second = requests.get(url, auth=("user", "passwd"))
print("With credentials:", second.status_code)
print(second.json())
