// 504 Gateway Timeout: a gateway or proxy got no answer in time from the server behind it (RFC 9110
// §15.6.5).
const response = await fetch("http://localhost:4321/api/status/504");
console.log(response.status, response.statusText);
console.log(await response.text());
