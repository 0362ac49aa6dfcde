// 506 Variant Also Negotiates: the server's transparent content negotiation is misconfigured
// (RFC 2295 §8.1).
const response = await fetch("http://localhost:4321/api/status/506");
console.log(response.status, response.statusText);
console.log(await response.text());
