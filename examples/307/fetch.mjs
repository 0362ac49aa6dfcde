// 307 Temporary Redirect: send the same request, same method and content, to the URI in Location
// (RFC 9110 §15.4.8).
// redirect: "manual" returns the redirect itself in Node (a browser would give an opaque response).
const response = await fetch("http://localhost:4321/api/status/307", { redirect: "manual" });
console.log(response.status, response.statusText);
console.log("Location:", response.headers.get("Location"));
console.log(await response.text());
