// 503 Service Unavailable: overload or maintenance, for now; Retry-After says when to come back
// (RFC 9110 §15.6.4).
const response = await fetch("http://localhost:4321/api/status/503");
console.log(response.status, response.statusText);
console.log("Retry-After:", response.headers.get("Retry-After"));
console.log(await response.text());
