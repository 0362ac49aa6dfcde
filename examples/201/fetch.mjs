// 201 Created after a POST: Location names the new resource (RFC 9110 §15.3.2).
const response = await fetch("http://localhost:4321/api/status/201", {
  method: "POST",
  headers: { "Content-Type": "application/json" },
  body: JSON.stringify({ title: "Quarterly report" }),
});
console.log(response.status, response.statusText);
console.log("Location:", response.headers.get("Location"));
console.log(await response.text());
