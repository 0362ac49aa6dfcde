// 413 Content Too Large: the content is larger than the server is willing to process (RFC 9110
// §15.5.14).
const response = await fetch("http://localhost:4321/api/status/413", {
  method: "POST",
  headers: { "Content-Type": "application/json" },
  body: JSON.stringify({ title: "Quarterly report" }),
});
console.log(response.status, response.statusText);
console.log(await response.text());
