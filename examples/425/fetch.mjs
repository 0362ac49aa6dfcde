// 425 Too Early: the server will not risk processing a request that may be replayed from TLS early
// data (RFC 8470 §5.2).
const response = await fetch("http://localhost:4321/api/status/425");
console.log(response.status, response.statusText);
console.log(await response.text());
