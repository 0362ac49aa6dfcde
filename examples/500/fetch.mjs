// 500 Internal Server Error: the server hit a condition it did not expect (RFC 9110 §15.6.1).
const response = await fetch("http://localhost:4321/api/status/500");
console.log(response.status, response.statusText);
console.log(await response.text());
