// 402 Payment Required is reserved for future use (RFC 9110 §15.5.3); nothing says what a client
// should do.
const response = await fetch("http://localhost:4321/api/status/402");
console.log(response.status, response.statusText);
console.log(await response.text());
