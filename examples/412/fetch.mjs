// 412 Precondition Failed: the If-Match condition was false on the server, so the PUT was not
// applied (RFC 9110 §15.5.13).
const response = await fetch("http://localhost:4321/api/status/412", {
  method: "PUT",
  headers: { "If-Match": '"v1"', "Content-Type": "application/json" },
  body: JSON.stringify({ title: "Quarterly report" }),
});
console.log(response.status, response.statusText);
console.log(await response.text());
