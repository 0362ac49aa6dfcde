// 410 Gone: the resource is gone for good, and the server knows it (RFC 9110 §15.5.11).
const response = await fetch("http://localhost:4321/api/status/410");
console.log(response.status, response.statusText);
console.log(await response.text());
