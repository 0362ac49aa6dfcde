/**
 * src/http is run directly by Node (type stripping) in the real-HTTP server: every relative import
 * must carry ".ts" and the syntax must be erasable. Importing the public surface with plain Node,
 * outside Vite, proves both.
 */
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";

test("plain Node imports src/http/index.ts and computes the RFC 7616 §3.9.1 MD5 response", () => {
  const index = fileURLToPath(new URL("../../src/http/index.ts", import.meta.url));
  const script = `
    const http = await import(${JSON.stringify(index)});
    const response = await http.digestResponse({
      algorithm: "MD5", username: "Mufasa", password: "Circle of Life", realm: "http-auth@example.org",
      method: "GET", uri: "/dir/index.html", nonce: "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v",
      cnonce: "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", nc: "00000001", qop: "auth" });
    console.log(response, http.encodeBasic("Aladdin", "open sesame"));`;
  const output = execFileSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
  expect(output.trim()).toBe("8ca523f5e9506fed4657c9700eebdbec Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
});
