// 418 is unused (RFC 9110 §15.5.19): RFC 2324's teapot was an April Fools' joke, and the code is
// reserved so that nobody registers it.
const response = await fetch("http://localhost:4321/api/status/418");
console.log(response.status, response.statusText);
console.log(await response.text());
