# 100 Continue tells a client that sent "Expect: 100-continue" to go on and send the content
# (RFC 9110 §15.2.1).
# With "Expect: 100-continue" curl holds the body back until the server answers "100 Continue"
# (or a second passes); -i prints that interim response above the final one.
curl -sS -i -H 'Expect: 100-continue' --data-binary 'hello' http://localhost:4321/api/status/100
