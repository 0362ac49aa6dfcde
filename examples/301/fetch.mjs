// 301 Moved Permanently: use the URI in Location from now on (RFC 9110 §15.4.2).
// redirect: "manual" returns the redirect itself in Node (a browser would give an opaque response).
const response = await fetch("http://localhost:4321/api/status/301", { redirect: "manual" });
console.log(response.status, response.statusText);
console.log("Location:", response.headers.get("Location"));
console.log(await response.text());
