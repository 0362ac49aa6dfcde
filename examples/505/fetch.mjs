// 505 HTTP Version Not Supported: the server does not support the major version of HTTP the request
// used (RFC 9110 §15.6.6).
const response = await fetch("http://localhost:4321/api/status/505");
console.log(response.status, response.statusText);
console.log(await response.text());
