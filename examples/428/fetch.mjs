// 428 Precondition Required: the server wants this PUT made conditional, with If-Match, to prevent
// lost updates (RFC 6585 §3).
const response = await fetch("http://localhost:4321/api/status/428", {
  method: "PUT",
  headers: { "Content-Type": "application/json" },
  body: JSON.stringify({ title: "Quarterly report" }),
});
console.log(response.status, response.statusText);
console.log(await response.text());
