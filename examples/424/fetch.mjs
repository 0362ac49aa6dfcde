// 424 Failed Dependency: the method failed because an action it depended on failed (RFC 4918
// §11.4).
const response = await fetch("http://localhost:4321/api/status/424");
console.log(response.status, response.statusText);
console.log(await response.text());
