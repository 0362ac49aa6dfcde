# 101 Switching Protocols answers a request with Upgrade, such as a WebSocket handshake; after it
# the connection speaks the new protocol (RFC 9110 §15.2.2).
# A 1xx is interim, never the final response (RFC 9110 §15.2), so status/101 cannot answer
# with one: it sends the final 200, with the code asked for in X-Requested-Status.
curl -sS -i http://localhost:4321/api/status/101
