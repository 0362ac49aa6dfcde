// 502 Bad Gateway: a gateway or proxy got an invalid response from the server behind it (RFC 9110
// §15.6.3).
const response = await fetch("http://localhost:4321/api/status/502");
console.log(response.status, response.statusText);
console.log(await response.text());
