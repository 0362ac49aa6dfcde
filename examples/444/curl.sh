# 444 is never sent: nginx's `return 444;` closes the connection without any response, and 444 shows
# only in its log. The sandbox sends the bare number so you can see how a client treats an unknown
# 4xx (as 400, RFC 9110 §15).
curl -sS -i http://localhost:4321/api/status/444
