// 510 Not Extended is obsoleted: the extension framework of RFC 2774 it belongs to is historic.
const response = await fetch("http://localhost:4321/api/status/510");
console.log(response.status, response.statusText);
console.log(await response.text());
