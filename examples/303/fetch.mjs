// 303 See Other after a POST: the answer is at Location, to be fetched with GET (RFC 9110 §15.4.4).
// redirect: "manual" returns the redirect itself in Node (a browser would give an opaque response).
const response = await fetch("http://localhost:4321/api/status/303", {
  method: "POST",
  headers: { "Content-Type": "application/json" },
  body: JSON.stringify({ title: "Quarterly report" }),
  redirect: "manual",
});
console.log(response.status, response.statusText);
console.log("Location:", response.headers.get("Location"));
console.log(await response.text());
