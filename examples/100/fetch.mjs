// 100 Continue tells a client that sent "Expect: 100-continue" to go on and send the content
// (RFC 9110 §15.2.1).
// fetch cannot take part in 100-continue: Node's fetch refuses an Expect header, and the Fetch
// standard never exposes interim responses. Without it, the request is an ordinary one.
try {
  await fetch("http://localhost:4321/api/status/100", {
    method: "POST",
    headers: { Expect: "100-continue" },
    body: "hello",
  });
} catch (error) {
  console.log("Expect refused:", error.cause?.message ?? error.message);
}
const response = await fetch("http://localhost:4321/api/status/100", { method: "POST", body: "hello" });
console.log(response.status, response.statusText);
console.log("X-Requested-Status:", response.headers.get("X-Requested-Status"));
console.log(await response.text());
