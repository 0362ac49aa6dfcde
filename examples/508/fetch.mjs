// 508 Loop Detected: the server met an infinite loop while handling a Depth: infinity request
// (RFC 5842 §7.2).
const response = await fetch("http://localhost:4321/api/status/508");
console.log(response.status, response.statusText);
console.log(await response.text());
