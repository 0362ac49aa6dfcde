# 414 URI Too Long: the target URI is longer than the server will interpret (RFC 9110 §15.5.15).
curl -sS -i http://localhost:4321/api/status/414
