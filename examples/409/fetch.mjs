// 409 Conflict: the PUT conflicts with the resource's current state, such as an edit of an outdated
// version (RFC 9110 §15.5.10).
const response = await fetch("http://localhost:4321/api/status/409", {
  method: "PUT",
  headers: { "Content-Type": "application/json" },
  body: JSON.stringify({ title: "Quarterly report" }),
});
console.log(response.status, response.statusText);
console.log(await response.text());
