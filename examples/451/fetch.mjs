// 451 Unavailable For Legal Reasons: a legal demand blocks the resource; Link with rel="blocked-by"
// names who blocks it (RFC 7725 §3, §4).
const response = await fetch("http://localhost:4321/api/status/451");
console.log(response.status, response.statusText);
console.log("Link:", response.headers.get("Link"));
console.log(await response.text());
