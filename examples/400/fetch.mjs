// 400 Bad Request: the server will not process what it sees as a client error, such as malformed
// syntax (RFC 9110 §15.5.1).
const response = await fetch("http://localhost:4321/api/status/400");
console.log(response.status, response.statusText);
console.log(await response.text());
