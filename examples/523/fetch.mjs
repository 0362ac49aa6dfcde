// Cloudflare's edge sends this code when the origin server behind it could not be reached at all
// (DNS or routing); the origin never sends it. It is not registered: a client treats it as 500
// (RFC 9110 §15). The sandbox sends the bare number so you can see what a client makes of it.
const response = await fetch("http://localhost:4321/api/status/523");
console.log(response.status, response.statusText);
console.log(await response.text());
