// Ask once without credentials, read the challenge, then answer it with Basic credentials.
const url = "http://localhost:4321/api/basic-auth/user/passwd";

const first = await fetch(url);
console.log("First try:", first.status);
console.log("Challenge:", first.headers.get("WWW-Authenticate"));

// RFC 7617: base64 of "user:password", encoded as UTF-8.
const credentials = btoa(String.fromCharCode(...new TextEncoder().encode("user:passwd")));
const second = await fetch(url, { headers: { Authorization: `Basic ${credentials}` } });
console.log("With credentials:", second.status);
console.log(await second.text());
