// 305 Use Proxy is deprecated (RFC 9110 §15.4.6): clients ignore it, and servers should not send
// it.
const response = await fetch("http://localhost:4321/api/status/305");
console.log(response.status, response.statusText);
console.log(await response.text());
