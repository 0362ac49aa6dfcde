// 431 Request Header Fields Too Large: one header field, or all of them together, are larger than
// the server accepts (RFC 6585 §5).
const response = await fetch("http://localhost:4321/api/status/431");
console.log(response.status, response.statusText);
console.log(await response.text());
