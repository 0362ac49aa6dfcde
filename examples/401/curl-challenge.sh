# Without credentials: the 401 response carries the challenge.
curl -sS -i http://localhost:4321/api/basic-auth/user/passwd
