// 421 Misdirected Request: this server cannot answer for the target URI, typically on a reused
// connection; retry on a new one (RFC 9110 §15.5.20).
const response = await fetch("http://localhost:4321/api/status/421");
console.log(response.status, response.statusText);
console.log(await response.text());
