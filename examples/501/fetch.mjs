// 501 Not Implemented: the server does not support what the request needs, for instance its method,
// for any resource (RFC 9110 §15.6.2).
const response = await fetch("http://localhost:4321/api/status/501");
console.log(response.status, response.statusText);
console.log(await response.text());
