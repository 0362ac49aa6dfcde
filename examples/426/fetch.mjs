// 426 Upgrade Required: the server needs another protocol first, named in Upgrade (RFC 9110
// §15.5.22).
const response = await fetch("http://localhost:4321/api/status/426");
console.log(response.status, response.statusText);
console.log("Upgrade:", response.headers.get("Upgrade"));
console.log(await response.text());
