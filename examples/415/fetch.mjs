// 415 Unsupported Media Type: this resource does not take content in the format sent (RFC 9110
// §15.5.16).
const response = await fetch("http://localhost:4321/api/status/415", {
  method: "POST",
  headers: { "Content-Type": "application/json" },
  body: JSON.stringify({ title: "Quarterly report" }),
});
console.log(response.status, response.statusText);
console.log(await response.text());
