# Following a 307 with -L: the method and content must not change (RFC 9110 §15.4.8), so curl sends
# the POST again.
curl -sS -i -L -d 'item=42' \
  -w '\nRedirects followed: %{num_redirects}; the last request was a %{method}.\n' \
  http://localhost:4321/api/status/307
