// 499 is never sent: nginx logs it when the client closed the connection before nginx could answer.
// The sandbox sends the bare number so you can see how a client treats an unknown 4xx (as 400,
// RFC 9110 §15).
const response = await fetch("http://localhost:4321/api/status/499");
console.log(response.status, response.statusText);
console.log(await response.text());
