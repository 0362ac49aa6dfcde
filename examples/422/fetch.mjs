// 422 Unprocessable Content: the content is well-formed, but its instructions cannot be carried out
// (RFC 9110 §15.5.21).
const response = await fetch("http://localhost:4321/api/status/422", {
  method: "POST",
  headers: { "Content-Type": "application/json" },
  body: JSON.stringify({ title: "Quarterly report" }),
});
console.log(response.status, response.statusText);
console.log(await response.text());
