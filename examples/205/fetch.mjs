// 205 Reset Content: the client should reset the form or view that sent the request; the response
// has no content (RFC 9110 §15.3.6).
const response = await fetch("http://localhost:4321/api/status/205", {
  method: "POST",
  headers: { "Content-Type": "application/json" },
  body: JSON.stringify({ title: "Quarterly report" }),
});
console.log(response.status, response.statusText);
