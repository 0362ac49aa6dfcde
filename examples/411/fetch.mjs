// 411 Length Required: the server refuses content sent without Content-Length (RFC 9110 §15.5.12).
const response = await fetch("http://localhost:4321/api/status/411", {
  method: "POST",
  headers: { "Content-Type": "application/json" },
  body: JSON.stringify({ title: "Quarterly report" }),
});
console.log(response.status, response.statusText);
console.log(await response.text());
