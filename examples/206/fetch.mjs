// 206 Partial Content answers a Range request with only the bytes asked for, described by
// Content-Range (RFC 9110 §15.3.7).
const response = await fetch("http://localhost:4321/api/status/206", { headers: { Range: "bytes=0-15" } });
console.log(response.status, response.statusText);
console.log("Content-Range:", response.headers.get("Content-Range"));
console.log(await response.text());
