# 226 IM Used: the content is the result of instance manipulations, such as a delta, applied to the
# current instance (RFC 3229 §10.4.1).
curl -sS -i http://localhost:4321/api/status/226
