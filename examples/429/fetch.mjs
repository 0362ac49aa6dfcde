// 429 Too Many Requests: slow down; Retry-After says how many seconds to wait (RFC 6585 §4).
const response = await fetch("http://localhost:4321/api/status/429");
console.log(response.status, response.statusText);
console.log("Retry-After:", response.headers.get("Retry-After"));
console.log(await response.text());
