# Following a 301 with -L: curl, like browsers, turns the POST into a GET, as RFC 9110 §15.4.2
# allows for historical reasons (--post301 keeps the POST; 308 is the redirect that must).
curl -sS -i -L -d 'item=42' \
  -w '\nRedirects followed: %{num_redirects}; the last request was a %{method}.\n' \
  http://localhost:4321/api/status/301
