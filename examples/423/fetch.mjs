// 423 Locked: the resource is locked, as a WebDAV LOCK does (RFC 4918 §11.3).
const response = await fetch("http://localhost:4321/api/status/423");
console.log(response.status, response.statusText);
console.log(await response.text());
