// 302 Found: the resource is for now at the URI in Location; keep using the original one (RFC 9110
// §15.4.3).
// redirect: "manual" returns the redirect itself in Node (a browser would give an opaque response).
const response = await fetch("http://localhost:4321/api/status/302", { redirect: "manual" });
console.log(response.status, response.statusText);
console.log("Location:", response.headers.get("Location"));
console.log(await response.text());
