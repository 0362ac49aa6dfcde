// 511 Network Authentication Required: a captive portal wants you to log in to the network first
// (RFC 6585 §6).
const response = await fetch("http://localhost:4321/api/status/511");
console.log(response.status, response.statusText);
console.log(await response.text());
