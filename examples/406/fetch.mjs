// 406 Not Acceptable: no representation matches the request's Accept fields (RFC 9110 §15.5.7).
const response = await fetch("http://localhost:4321/api/status/406", { headers: { Accept: "application/xml" } });
console.log(response.status, response.statusText);
console.log(await response.text());
