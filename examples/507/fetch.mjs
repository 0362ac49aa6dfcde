// 507 Insufficient Storage: the server cannot store what the request needs (RFC 4918 §11.5).
const response = await fetch("http://localhost:4321/api/status/507");
console.log(response.status, response.statusText);
console.log(await response.text());
