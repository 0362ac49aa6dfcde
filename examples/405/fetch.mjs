// 405 Method Not Allowed: the server knows DELETE, but this resource does not support it; Allow
// lists what it does (RFC 9110 §15.5.6).
const response = await fetch("http://localhost:4321/api/status/405", { method: "DELETE" });
console.log(response.status, response.statusText);
console.log("Allow:", response.headers.get("Allow"));
console.log(await response.text());
