import { expect, test } from "vitest";
import { digestCaveat, toCurl, toFetch, toPhp, toPython } from "./codegen.ts";

// A Digest answer as the sandbox recorded it: its nonce and response are one-time values.
const recorded = {
  method: "GET",
  url: "https://http-status-lab.github.io/http-status-lab/api/digest-auth/auth/user/passwd/MD5",
  headers: [
    ["Accept", "application/json"],
    ["Authorization", 'Digest username="user", nonce="n0nce", nc=00000001, response="abc123"'],
  ] as Array<[string, string]>,
};
const options = {
  url: "http://localhost:4321/api/digest-auth/auth/user/passwd/MD5",
  digest: { user: "user", password: "it's $x" },
};

test("with a Digest login each tool answers the challenge itself; nothing recorded is replayed", () => {
  const outputs = [toCurl, toFetch, toPython, toPhp].map((generate) => generate(recorded, options));
  for (const code of outputs) {
    expect(code).not.toContain("n0nce");
    expect(code).not.toContain("abc123");
    expect(code).not.toContain("Authorization");
    expect(code).not.toContain("github.io");
    expect(code).toContain("http://localhost:4321/api/digest-auth/auth/user/passwd/MD5");
    expect(code).toContain("Accept");
  }
  const [curl, fetch, python, php] = outputs;
  expect(curl).toContain("--digest \\\n  --user 'user:it'\\''s $x'");
  expect(python).toContain("from requests.auth import HTTPDigestAuth\n");
  expect(python).toContain('    auth=HTTPDigestAuth("user", "it\'s $x"),');
  expect(php).toContain("CURLOPT_HTTPAUTH => CURLAUTH_DIGEST,");
  expect(php).toContain("CURLOPT_USERNAME => 'user',");
  expect(php).toContain("CURLOPT_PASSWORD => 'it\\'s $x',");
  // fetch cannot do Digest: it says so, and carries no password at all.
  expect(fetch).toContain("// fetch has no Digest support");
  expect(fetch).not.toContain("it's $x");
});

test("without a Digest login the recorded Authorization is sent as it was, to the URL given", () => {
  const basic = {
    method: "GET",
    url: "https://x.github.io/a/api/bearer",
    headers: [["Authorization", "Bearer t"]] as Array<[string, string]>,
  };
  for (const generate of [toCurl, toFetch, toPython, toPhp]) {
    const code = generate(basic, { url: "http://127.0.0.1:1/api/bearer" });
    expect(code).toContain("Bearer t");
    expect(code).toContain("http://127.0.0.1:1/api/bearer");
    expect(code).not.toContain("github.io");
    expect(code).not.toMatch(/digest/i);
    // No options: the recorded URL, as before.
    expect(generate(basic)).toContain("https://x.github.io/a/api/bearer");
  }
});

test("the code says when a tool cannot answer the challenge, and only then", () => {
  const login = (algorithm: string, qop: string) => ({ user: "u", password: "p", algorithm, qop });
  for (const tool of ["curl", "php", "python"] as const) {
    expect(digestCaveat(tool, login("MD5", "auth"), true)).toBeUndefined();
    expect(digestCaveat(tool, login("SHA-256", "auth, auth-int"), true)).toBeUndefined();
    expect(digestCaveat(tool, { user: "u", password: "p" }, false)).toBeUndefined();
    expect(digestCaveat(tool, login("SHA-512-256", "auth"), false)).toContain("has no Digest SHA-512-256");
  }
  expect(digestCaveat("curl", login("SHA-256-sess", "auth"), false)).toBeUndefined();
  expect(digestCaveat("python", login("SHA-256-sess", "auth"), false)).toContain("has no Digest SHA-256-SESS");
  expect(digestCaveat("curl", login("MD5", "auth-int"), false)).toBeUndefined();
  expect(digestCaveat("curl", login("MD5", "auth-int"), true)).toContain("over an empty body");
  expect(digestCaveat("python", login("MD5", "auth-int"), false)).toContain("auth only");
  // A server's odd algorithm never ends the comment line it is written in.
  expect(digestCaveat("curl", login("X\nrm -rf ~", "auth"), false)).toContain("has no Digest this algorithm");
  expect(toCurl(recorded, { digest: login("SHA-512-256", "auth") }).split("\n")[0]).toMatch(/^# curl .* no Digest/);
});
