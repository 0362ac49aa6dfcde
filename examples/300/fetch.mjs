// 300 Multiple Choices: the resource has several representations and the client may pick one
// (RFC 9110 §15.4.1).
// redirect: "manual" returns the redirect itself in Node (a browser would give an opaque response).
const response = await fetch("http://localhost:4321/api/status/300", { redirect: "manual" });
console.log(response.status, response.statusText);
console.log("Location:", response.headers.get("Location"));
console.log(await response.text());
