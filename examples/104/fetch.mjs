// 104 Upload Resumption Supported is a temporary registration for resumable uploads
// (draft-ietf-httpbis-resumable-upload).
// A 1xx is interim, never the final response (RFC 9110 §15.2), so status/104 cannot answer
// with one: it sends the final 200, with the code asked for in X-Requested-Status. fetch could
// not show a 1xx anyway: the Fetch standard never exposes interim responses.
const response = await fetch("http://localhost:4321/api/status/104");
console.log(response.status, response.statusText);
console.log("X-Requested-Status:", response.headers.get("X-Requested-Status"));
console.log(await response.text());
