// 416 Range Not Satisfiable: the range asked for lies past the end; Content-Range gives the length
// (RFC 9110 §15.5.17).
const response = await fetch("http://localhost:4321/api/status/416", { headers: { Range: "bytes=1000-" } });
console.log(response.status, response.statusText);
console.log("Content-Range:", response.headers.get("Content-Range"));
console.log(await response.text());
