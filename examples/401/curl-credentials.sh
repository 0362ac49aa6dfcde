# With credentials: curl sends "Authorization: Basic dXNlcjpwYXNzd2Q=".
curl -sS -i -u user:passwd http://localhost:4321/api/basic-auth/user/passwd
