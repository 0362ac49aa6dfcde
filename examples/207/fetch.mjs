// 207 Multi-Status carries one status per resource in its body, as a WebDAV server answers PROPFIND
// (RFC 4918 §11.1).
const response = await fetch("http://localhost:4321/api/status/207");
console.log(response.status, response.statusText);
console.log(await response.text());
