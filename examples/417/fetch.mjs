// 417 Expectation Failed: the server cannot meet the request's Expect field (RFC 9110 §15.5.18).
const response = await fetch("http://localhost:4321/api/status/417");
console.log(response.status, response.statusText);
console.log(await response.text());
