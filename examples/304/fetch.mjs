// 304 Not Modified: the copy whose ETag the client sent in If-None-Match is still current, so no
// content is sent (RFC 9110 §15.4.5).
const response = await fetch("http://localhost:4321/api/status/304", { headers: { "If-None-Match": '"33a64df5"' } });
console.log(response.status, response.statusText);
console.log("ETag:", response.headers.get("ETag"));
