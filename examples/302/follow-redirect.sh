# Following a 302 with -L: curl, like browsers, turns the POST into a GET, as RFC 9110 §15.4.3
# allows for historical reasons (--post302 keeps the POST; 307 is the redirect that must).
curl -sS -i -L -d 'item=42' \
  -w '\nRedirects followed: %{num_redirects}; the last request was a %{method}.\n' \
  http://localhost:4321/api/status/302
