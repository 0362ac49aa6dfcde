// 202 Accepted: the request was queued, not yet acted upon, and may still fail (RFC 9110 §15.3.3).
const response = await fetch("http://localhost:4321/api/status/202", {
  method: "POST",
  headers: { "Content-Type": "application/json" },
  body: JSON.stringify({ title: "Quarterly report" }),
});
console.log(response.status, response.statusText);
console.log(await response.text());
