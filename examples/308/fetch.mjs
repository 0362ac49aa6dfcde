// 308 Permanent Redirect: like 301, but the method and content must not change (RFC 9110 §15.4.9).
// redirect: "manual" returns the redirect itself in Node (a browser would give an opaque response).
const response = await fetch("http://localhost:4321/api/status/308", { redirect: "manual" });
console.log(response.status, response.statusText);
console.log("Location:", response.headers.get("Location"));
console.log(await response.text());
