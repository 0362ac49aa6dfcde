// 404 Not Found: no current representation of the target, or the server will not say one exists
// (RFC 9110 §15.5.5).
const response = await fetch("http://localhost:4321/api/status/404");
console.log(response.status, response.statusText);
console.log(await response.text());
