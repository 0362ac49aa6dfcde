# 417 Expectation Failed: the server cannot meet the request's Expect field (RFC 9110 §15.5.18).
curl -sS -i http://localhost:4321/api/status/417
