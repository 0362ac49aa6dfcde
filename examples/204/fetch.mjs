// 204 No Content: the PUT succeeded and there is no content to send; a client keeps its current
// view (RFC 9110 §15.3.5).
const response = await fetch("http://localhost:4321/api/status/204", {
  method: "PUT",
  headers: { "Content-Type": "application/json" },
  body: JSON.stringify({ title: "Quarterly report" }),
});
console.log(response.status, response.statusText);
