/**
 * The 100 page's scenario says that curl (7.88.1, the system curl here) adds Expect: 100-continue
 * to every `curl -T` upload over HTTP/1.1, whatever its size (issue 24, the fresh reading). Tried
 * with the real curl against a loopback server that records the request's header section and
 * answers 201 at once; the neighbour: `-H 'Expect:'` removes the field.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type AddressInfo, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { afterAll, beforeAll, expect, test } from "vitest";

let heads: string[] = [];
const sockets = new Set<Socket>();
const server = createServer((socket) => {
  sockets.add(socket);
  socket.on("close", () => sockets.delete(socket));
  let text = "";
  let answered = false;
  socket.on("data", (chunk: Buffer) => {
    if (answered) return;
    text += chunk.toString("latin1");
    const end = text.indexOf("\r\n\r\n");
    if (end === -1 && text.length < 65_536) return;
    answered = true;
    heads.push(text.slice(0, end === -1 ? text.length : end));
    socket.end("HTTP/1.1 201 Created\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
  });
});
const dir = mkdtempSync(`${tmpdir()}/curl-expect-`);
let port = 0;

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

const upload = (file: string, ...extra: string[]) =>
  new Promise<{ head: string; status: string }>((resolve, reject) => {
    heads = [];
    execFile(
      "curl",
      [
        "-sS",
        "--max-time",
        "5",
        "-o",
        "/dev/null",
        "-w",
        "%{http_code}",
        ...extra,
        "-T",
        file,
        `http://127.0.0.1:${port}/upload`,
      ],
      (error, stdout) => {
        if (error) reject(new Error(`curl failed: ${error.message}`));
        else resolve({ head: heads[0] ?? "", status: stdout });
      },
    );
  });

test("curl -T sends Expect: 100-continue even for a six-byte file, and -H 'Expect:' removes it", async () => {
  const small = `${dir}/small.txt`;
  writeFileSync(small, "hello\n");
  const plain = await upload(small);
  expect(plain.status).toBe("201");
  expect(plain.head).toMatch(/^PUT \/upload HTTP\/1\.1\r\n/);
  expect(plain.head).toMatch(/\r\nExpect: 100-continue(\r\n|$)/i);
  const without = await upload(small, "-H", "Expect:");
  expect(without.status).toBe("201");
  expect(without.head).not.toMatch(/\r\nExpect:/i);
});
