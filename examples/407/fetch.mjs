// 407 Proxy Authentication Required: a proxy wants credentials; its challenge is in
// Proxy-Authenticate (RFC 9110 §15.5.8).
// fetch never returns a 407: the Fetch standard turns it into a network error (in its
// "HTTP-network-or-cache fetch" steps), so the promise rejects and there is no response to read.
try {
  await fetch("http://localhost:4321/api/status/407");
} catch (error) {
  console.log("Rejected:", error.message);
}
