// 414 URI Too Long: the target URI is longer than the server will interpret (RFC 9110 §15.5.15).
const response = await fetch("http://localhost:4321/api/status/414");
console.log(response.status, response.statusText);
console.log(await response.text());
