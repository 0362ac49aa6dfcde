# Following a 303 with -L: the answer to a POST is fetched with GET (RFC 9110 §15.4.4), so the last
# request is a GET.
curl -sS -i -L -d 'item=42' \
  -w '\nRedirects followed: %{num_redirects}; the last request was a %{method}.\n' \
  http://localhost:4321/api/status/303
